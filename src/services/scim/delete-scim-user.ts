import { deleteScimUser, findScimUser, listGroupsOfScimUsers } from "../../db/queries/scim.js";
import { inTransaction } from "../../db/transaction.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps } from "../context.js";
import { removeMemberIn } from "../members/remove-member.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type ScimCaller, scimContext } from "./scim-shared.js";

/**
 * DELETE /Users/:id: the person leaves the organization (membership, teams, sessions, personal keys),
 * as a removal in the console does; the last admin and a team's only owner are refused with the reason.
 */
export async function deleteScimUserById(deps: Deps, caller: ScimCaller, id: string): Promise<void> {
  const ctx = scimContext(deps);
  await inTransaction(deps.db, async (trx) => {
    await requireLockedOrg(trx, caller.orgId);
    const row = await findScimUser(trx, caller.orgId, id);
    if (!row) throw new ScimError(404, `No User with id ${id} in this organization.`);
    const groups = await listGroupsOfScimUsers(trx, [row.id]);
    await removeMemberIn(trx, ctx, { orgId: caller.orgId, userId: row.user_id });
    await deleteScimUser(trx, row.id);
    await trx
      .deleteFrom("member_directory_groups")
      .where("org_id", "=", caller.orgId)
      .where("user_id", "=", row.user_id)
      .where("source", "=", "scim")
      .execute();
    await recordAuditEvent(trx, ctx, {
      orgId: caller.orgId,
      action: "scim_user.deleted",
      target: { type: "scim_user", id: row.id },
      before: { userId: row.user_id, userName: row.user_name, groups: groups.map((g) => g.display_name) },
    });
  });
}
