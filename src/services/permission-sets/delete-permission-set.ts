import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deletePermissionSet as deleteSetRow, listAssignments } from "../../db/queries/permission-sets.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assignmentsView, requireSet, rulesOfRow, seedOf } from "./permission-set-views.js";

/** Admins. Its assignments go with it; the people it governed fall back to their other sets and role. */
export async function deletePermissionSet(
  ctx: ServiceContext,
  input: { orgId: string; setId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireSet(trx, org.id, input.setId);
    const assignments = assignmentsView(await listAssignments(trx, [row.id]));
    await deleteSetRow(trx, row.id);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "permission_set.deleted",
      target: { type: "permission_set", id: row.id },
      before: { key: row.key, name: row.name, kind: row.kind, rules: seedOf(rulesOfRow(row)), assignments },
    });
  });
}
