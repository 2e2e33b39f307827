import { deleteScimGroup, findScimGroup, listScimGroupMembers } from "../../db/queries/scim.js";
import { inTransaction } from "../../db/transaction.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { reapply } from "./scim-group-shared.js";
import { type ScimCaller, scimContext } from "./scim-shared.js";

/** DELETE /Groups/:id: its former members get the group mapping re-applied without it. */
export async function deleteScimGroupById(deps: Deps, caller: ScimCaller, id: string): Promise<void> {
  const ctx = scimContext(deps);
  await inTransaction(deps.db, async (trx) => {
    await requireLockedOrg(trx, caller.orgId);
    const row = await findScimGroup(trx, caller.orgId, id);
    if (!row) throw new ScimError(404, `No Group with id ${id} in this organization.`);
    const members = (await listScimGroupMembers(trx, [row.id])).map((m) => m.scim_user_id);
    await deleteScimGroup(trx, row.id);
    await reapply(trx, ctx, caller.orgId, members);
    await recordAuditEvent(trx, ctx, {
      orgId: caller.orgId,
      action: "scim_group.deleted",
      target: { type: "scim_group", id: row.id },
      before: { displayName: row.display_name, members },
    });
  });
}
