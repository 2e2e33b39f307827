import type { Executor } from "../../db/client.js";
import { insertAuditEvent, insertAuditEvents } from "../../db/queries/audit-events.js";
import type { AuditEventRow } from "../../db/schema.js";
import type { AuditAction } from "../../domain/audit.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";

export type AuditTargetType =
  | "org"
  | "member"
  | "team"
  | "team_member"
  | "invitation"
  | "user"
  | "permission_set"
  | "agent"
  | "agent_request"
  | "context_file"
  | "knowledge_base"
  | "integration"
  | "model"
  | "team_space"
  | "project"
  | "api_key"
  | "import"
  | "email_template"
  | "webhook_endpoint"
  | "scim_user"
  | "scim_group"
  | "scim_token";

export type AuditEventInput = {
  orgId: string | null;
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  before?: unknown;
  after?: unknown;
};

/** Written inside the use case's own transaction: the change and its record commit together or not at all. */
export async function recordAuditEvent(
  trx: Executor,
  ctx: ServiceContext,
  event: AuditEventInput,
): Promise<void> {
  await insertAuditEvent(trx, auditRow(ctx, event));
}

/**
 * Many events of one use case (an import chunk) in one statement per few hundred rows, in order: the
 * same records `recordAuditEvent` would write one by one.
 */
export async function recordAuditEvents(
  trx: Executor,
  ctx: ServiceContext,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await insertAuditEvents(
    trx,
    events.map((event) => auditRow(ctx, event)),
  );
}

function auditRow(ctx: ServiceContext, event: AuditEventInput): AuditEventRow {
  return {
    id: newId(),
    org_id: event.orgId,
    actor_user_id: actorUserId(ctx),
    source: ctx.actor.source,
    action: event.action,
    target_type: event.target.type,
    target_id: event.target.id,
    before: event.before === undefined ? null : JSON.stringify(event.before),
    after: event.after === undefined ? null : JSON.stringify(event.after),
    created_at: nowIso(ctx),
  };
}
