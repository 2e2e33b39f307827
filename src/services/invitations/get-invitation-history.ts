import { listAuditEventsForTarget } from "../../db/queries/audit-events.js";
import { findInvitation } from "../../db/queries/invitations.js";
import type { AuditSource } from "../../domain/audit.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";

export type InvitationHistoryEntry = {
  id: string;
  action: string;
  at: string;
  source: AuditSource;
  actor: { id: string; name: string | null; email: string | null } | null;
  before: unknown;
  after: unknown;
};

/** Every action on one invitation, oldest first, with who did it and when. */
export async function getInvitationHistory(
  ctx: ServiceContext,
  input: { orgId: string; invitationId: string },
): Promise<InvitationHistoryEntry[]> {
  const invitation = await findInvitation(ctx.db, input.orgId, input.invitationId);
  if (!invitation)
    throw new AppError("NOT_FOUND", { message: "That invitation does not exist in this organization." });
  const events = await listAuditEventsForTarget(ctx.db, input.orgId, "invitation", invitation.id);
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    at: event.created_at,
    source: event.source,
    actor: event.actor_user_id
      ? { id: event.actor_user_id, name: event.actor_name, email: event.actor_email }
      : null,
    before: event.before === null ? null : JSON.parse(event.before),
    after: event.after === null ? null : JSON.parse(event.after),
  }));
}
