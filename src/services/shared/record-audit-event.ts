import { beforeCommit } from "../../db/access-changes.js";
import type { Db, Executor } from "../../db/client.js";
import { appendAuditEvents, type UnchainedAuditEvent } from "../../db/queries/audit-events.js";
import type { AuditAction } from "../../domain/audit.js";
import { newId } from "../../lib/ids.js";
import { queueWebhooksForAudit } from "../../webhooks/queue-webhooks.js";
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
  | "domain"
  | "join_request"
  | "sso_connection"
  | "user_identity"
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

/**
 * Written inside the use case's own transaction: the change and its record commit together or not at
 * all. The event joins its org's hash chain just before the transaction commits (see `appendPending`),
 * so the chain head is locked only for the last moment of the transaction.
 */
export async function recordAuditEvent(
  trx: Executor,
  ctx: ServiceContext,
  event: AuditEventInput,
): Promise<void> {
  await recordAuditEvents(trx, ctx, [event]);
}

/**
 * Many events of one use case (an import chunk), in order: the same records `recordAuditEvent` would
 * write one by one, appended in few statements.
 */
export async function recordAuditEvents(
  trx: Executor,
  ctx: ServiceContext,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  // One use case, one moment: the events of a batch share their time (one Date and string, not 500).
  const createdAt = nowIso(ctx);
  const rows = events.map((event) => auditRow(ctx, event, createdAt));
  // Webhook events (invitation.*, membership.*) become deliveries in the same transaction.
  await queueWebhooksForAudit(trx, rows);
  const queued = queuedEvents.get(trx);
  if (queued) {
    queued.push(...rows);
    return;
  }
  const list: UnchainedAuditEvent[] = [...rows];
  if (beforeCommit(trx, "audit-chain", () => appendPending(trx))) {
    queuedEvents.set(trx, list);
    return;
  }
  // Not inside `inTransaction`: append now, in a transaction of its own when there is none.
  if (trx.isTransaction) await appendAuditEvents(trx, list);
  else await (trx as Db).transaction().execute((own) => appendAuditEvents(own, list));
}

const queuedEvents = new WeakMap<object, UnchainedAuditEvent[]>();

async function appendPending(trx: Executor): Promise<void> {
  const list = queuedEvents.get(trx) ?? [];
  queuedEvents.delete(trx);
  await appendAuditEvents(trx, list);
}

function auditRow(ctx: ServiceContext, event: AuditEventInput, createdAt: string): UnchainedAuditEvent {
  return {
    id: newId(),
    org_id: event.orgId,
    actor_user_id: actorUserId(ctx),
    actor_api_key_id: (ctx.actor.kind === "user" && ctx.actor.apiKeyId) || null,
    source: ctx.actor.source,
    action: event.action,
    target_type: event.target.type,
    target_id: event.target.id,
    before: event.before === undefined ? null : JSON.stringify(event.before),
    after: event.after === undefined ? null : JSON.stringify(event.after),
    created_at: createdAt,
  };
}
