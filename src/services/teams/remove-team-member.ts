import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { countTeamOwners, deleteTeamMembership, findTeamMembership } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertCanChangeTeamMember, assertKeepsATeamOwner } from "../../domain/permissions.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireTeam } from "../shared/require.js";
import { assertPlanHasTeamRoles, teamActor } from "./team-member-rules.js";

export async function removeTeamMember(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string; userId: string },
) {
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    assertPlanHasTeamRoles(org);
    const team = await requireTeam(trx, org.id, input.teamId);
    const current = await findTeamMembership(trx, team.id, input.userId);
    if (!current) throw new AppError("NOT_FOUND", { message: "This person is not in the team." });
    assertCanChangeTeamMember({ actor: teamActor(ctx, team.id), currentRole: current.role, nextRole: null });
    assertKeepsATeamOwner(await countTeamOwners(trx, team.id), current.role, null);
    await deleteTeamMembership(trx, team.id, input.userId);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "team_member.removed",
      target: { type: "team_member", id: `${team.id}:${input.userId}` },
      before: { role: current.role },
    });
  });
}
