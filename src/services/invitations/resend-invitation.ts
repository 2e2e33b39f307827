import { updateInvitationIfStatus } from "../../db/queries/invitations.js";
import { inTransaction } from "../../db/transaction.js";
import { expiryFrom } from "../../domain/invitation.js";
import { queueInvitationEmail } from "../../mail/queue-invitation-email.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import type { InvitationWithLink } from "./create-invitation.js";
import { assertNotAMember, newInviteLink } from "./invitation-rules.js";
import { concurrentChange, loadInvitationView, requireInvitationFor } from "./require-invitation.js";

/**
 * A fresh link with a fresh expiry; the old link stops working at once (its hash is replaced). Works on
 * an expired invitation too, which then takes a seat again.
 */
export async function resendInvitation(
  ctx: ServiceContext,
  input: { orgId: string; invitationId: string },
): Promise<InvitationWithLink> {
  const now = ctx.clock.now();
  const link = newInviteLink(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const { row, from } = await requireInvitationFor(trx, org.id, input.invitationId, "resend", now);
    if (from === "expired") {
      await assertNotAMember(trx, org.id, row.email);
      await assertSeatAvailable(trx, org, ctx.config, now.toISOString(), { countPending: true });
    }
    const changes = {
      status: "pending" as const,
      token_hash: link.tokenHash,
      expires_at: expiryFrom(now, row.expiry_days),
      updated_at: now.toISOString(),
      token_sealed: null,
      reminded_at: null,
      expiry_recorded_at: null,
    };
    if (!(await updateInvitationIfStatus(trx, row.id, row.status, changes))) throw concurrentChange();
    await queueInvitationEmail(trx, ctx, { invitation: row, token: link.token });
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.resent",
      target: { type: "invitation", id: row.id },
      before: { status: from, expiresAt: row.expires_at },
      after: { status: "pending", expiresAt: changes.expires_at },
    });
    return {
      invitation: await loadInvitationView(trx, org.id, row.id, now),
      inviteUrl: link.url,
      replayed: false,
    };
  });
}
