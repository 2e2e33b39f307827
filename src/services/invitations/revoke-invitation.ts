import { updateInvitationIfStatus } from "../../db/queries/invitations.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireOrg } from "../shared/require.js";
import type { InvitationView } from "../shared/views.js";
import { concurrentChange, loadInvitationView, requireInvitationFor } from "./require-invitation.js";

/** The link stops working immediately; the same email can be invited again. */
export async function revokeInvitation(
  ctx: ServiceContext,
  input: { orgId: string; invitationId: string },
): Promise<InvitationView> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireOrg(trx, input.orgId);
    const { row, from } = await requireInvitationFor(trx, org.id, input.invitationId, "revoke", now);
    const changes = { status: "revoked" as const, token_sealed: null, updated_at: now.toISOString() };
    if (!(await updateInvitationIfStatus(trx, row.id, row.status, changes))) throw concurrentChange();
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.revoked",
      target: { type: "invitation", id: row.id },
      before: { status: from },
      after: { status: "revoked" },
    });
    return loadInvitationView(trx, org.id, row.id, now);
  });
}
