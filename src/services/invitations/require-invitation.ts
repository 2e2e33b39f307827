import type { Executor } from "../../db/client.js";
import { findInvitation, findInvitationWithNames } from "../../db/queries/invitations.js";
import type { InvitationRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import {
  effectiveStatus,
  type InvitationAction,
  type InvitationStatus,
  transition,
} from "../../domain/invitation.js";
import { toInvitationView } from "../shared/views.js";

/** Loads an org's invitation and checks `action` is possible from its status as users see it. */
export async function requireInvitationFor(
  db: Executor,
  orgId: string,
  invitationId: string,
  action: InvitationAction,
  now: Date,
): Promise<{ row: InvitationRow; from: InvitationStatus; to: InvitationStatus }> {
  const row = await findInvitation(db, orgId, invitationId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That invitation does not exist in this organization." });
  const from = effectiveStatus({ status: row.status, expiresAt: row.expires_at }, now);
  const to = transition(from, action, { expiresAt: row.expires_at });
  return { row, from, to };
}

/** Someone else changed the invitation between our read and our write (for example, it was just accepted). */
export function concurrentChange(): AppError {
  return new AppError("INVITATION_USED", {
    message: "This invitation changed while you were editing it. Reload to see its current status.",
  });
}

/** The invitation as the API shows it, read back after a change (team and inviter names included). */
export async function loadInvitationView(db: Executor, orgId: string, invitationId: string, now: Date) {
  const row = await findInvitationWithNames(db, orgId, invitationId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That invitation does not exist in this organization." });
  return toInvitationView(row, now);
}
