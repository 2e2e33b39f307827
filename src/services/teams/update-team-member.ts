import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { countTeamOwners, findTeamMembership, updateTeamMembershipRole } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertCanChangeTeamMember, assertKeepsATeamOwner } from "../../domain/permissions.js";
import type { TeamRole } from "../../domain/roles.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireTeam } from "../shared/require.js";
import { assertPlanHasTeamRoles, teamActor } from "./team-member-rules.js";

export async function updateTeamMember(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string; userId: string; role: TeamRole },
) {
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    assertPlanHasTeamRoles(org, input.role);
    const team = await requireTeam(trx, org.id, input.teamId);
    const current = await findTeamMembership(trx, team.id, input.userId);
    if (!current) throw new AppError("NOT_FOUND", { message: "This person is not in the team." });
    assertCanChangeTeamMember({
      actor: teamActor(ctx, team.id),
      currentRole: current.role,
      nextRole: input.role,
    });
    assertKeepsATeamOwner(await countTeamOwners(trx, team.id), current.role, input.role);
    await updateTeamMembershipRole(trx, team.id, input.userId, input.role, now);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "team_member.updated",
      target: { type: "team_member", id: `${team.id}:${input.userId}` },
      before: { role: current.role },
      after: { role: input.role },
    });
    return { teamId: team.id, userId: input.userId, role: input.role };
  });
}
