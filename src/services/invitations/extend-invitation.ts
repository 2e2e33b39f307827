import { updateInvitationIfStatus } from "../../db/queries/invitations.js";
import { inTransaction } from "../../db/transaction.js";
import { extendedExpiry } from "../../domain/invitation.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import type { InvitationView } from "../shared/views.js";
import { assertNotAMember } from "./invitation-rules.js";
import { concurrentChange, loadInvitationView, requireInvitationFor } from "./require-invitation.js";

/** Pushes the expiry out by `days`; the link stays the same. Extending an expired invitation revives it. */
export async function extendInvitation(
  ctx: ServiceContext,
  input: { orgId: string; invitationId: string; days: number },
): Promise<InvitationView> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const { row, from } = await requireInvitationFor(trx, org.id, input.invitationId, "extend", now);
    const expiresAt = extendedExpiry(row.expires_at, now, input.days);
    if (from === "expired") {
      await assertNotAMember(trx, org.id, row.email);
      await assertSeatAvailable(trx, org, ctx.config, now.toISOString(), { countPending: true });
    }
    const changes = { status: "pending" as const, expires_at: expiresAt, updated_at: now.toISOString() };
    if (!(await updateInvitationIfStatus(trx, row.id, row.status, changes))) throw concurrentChange();
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.extended",
      target: { type: "invitation", id: row.id },
      before: { status: from, expiresAt: row.expires_at },
      after: { status: "pending", expiresAt, days: input.days },
    });
    return loadInvitationView(trx, org.id, row.id, now);
  });
}
