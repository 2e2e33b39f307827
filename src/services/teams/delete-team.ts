import { countTeamOwnedResources, deleteReferencesToTeam } from "../../db/queries/access-references.js";
import { clearTeamFromPendingInvitations } from "../../db/queries/invitations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteTeam as deleteTeamRow } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireTeam } from "../shared/require.js";

/**
 * Deletes a team with its memberships, shares, team-space access, team API keys and the permission-set
 * assignments and project memberships that name it. Pending invitations into it fall back to the
 * default team. A team that still owns agents, context files or knowledge bases is not deleted.
 */
export async function deleteTeam(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string },
): Promise<void> {
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const team = await requireTeam(trx, input.orgId, input.teamId);
    if (team.id === org.default_team_id) throw new AppError("DEFAULT_TEAM");
    if ((await countTeamOwnedResources(trx, team.id)) > 0) throw new AppError("TEAM_IN_USE");
    await clearTeamFromPendingInvitations(trx, team.id, now);
    await deleteReferencesToTeam(trx, org.id, team.id);
    await deleteTeamRow(trx, team.id);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "team.deleted",
      target: { type: "team", id: team.id },
      before: { name: team.name },
    });
  });
}
