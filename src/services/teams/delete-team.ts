import { clearTeamFromPendingInvitations } from "../../db/queries/invitations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteTeam as deleteTeamRow } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireTeam } from "../shared/require.js";

/** Deletes a team and its memberships. Pending invitations into it fall back to the default team. */
export async function deleteTeam(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string },
): Promise<void> {
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const team = await requireTeam(trx, input.orgId, input.teamId);
    if (team.id === org.default_team_id) throw new AppError("DEFAULT_TEAM");
    await clearTeamFromPendingInvitations(trx, team.id, now);
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
