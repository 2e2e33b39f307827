import { findInvitation } from "../../db/queries/invitations.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { effectiveStatus } from "../../domain/invitation.js";
import { isEmailDeliveryEnabled, queueInvitationEmail } from "../../mail/queue-invitation-email.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import type { InvitationView } from "../shared/views.js";
import { loadInvitationView } from "./require-invitation.js";

/** "Send reminder": emails the current link again (the link and its expiry do not change). */
export async function sendInvitationReminder(
  ctx: ServiceContext,
  input: { orgId: string; invitationId: string },
): Promise<InvitationView> {
  if (!isEmailDeliveryEnabled(ctx)) throw new AppError("EMAIL_NOT_CONFIGURED");
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await findInvitation(trx, input.orgId, input.invitationId);
    if (!row)
      throw new AppError("NOT_FOUND", { message: "That invitation does not exist in this organization." });
    const status = effectiveStatus({ status: row.status, expiresAt: row.expires_at }, now);
    if (status !== "pending") {
      throw new AppError("INVITATION_NOT_PENDING", {
        message: `This invitation is ${status}; only a pending invitation can be reminded.${status === "expired" ? " Resend it to email a fresh link." : ""}`,
      });
    }
    if (!row.token_sealed) {
      throw new AppError("INVITATION_NOT_PENDING", {
        message:
          "This invitation's link was issued before email delivery was set up, so it cannot be emailed. Resend it to email a fresh link.",
      });
    }
    await trx
      .updateTable("invitations")
      .set({ reminded_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
    await queueInvitationEmail(trx, ctx, { invitation: row, token: null, kind: "reminder" });
    await recordAuditEvent(trx, ctx, {
      orgId: row.org_id,
      action: "invitation.reminded",
      target: { type: "invitation", id: row.id },
      after: { trigger: "manual", to: row.email },
    });
    return loadInvitationView(trx, row.org_id, row.id, now);
  });
}
