import { findMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { insertTeamMembership } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertCanChangeTeamMember } from "../../domain/permissions.js";
import type { TeamRole } from "../../domain/roles.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireTeam } from "../shared/require.js";
import { assertPlanHasTeamRoles, teamActor } from "./team-member-rules.js";

export async function addTeamMember(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string; userId: string; role: TeamRole },
) {
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    assertPlanHasTeamRoles(org);
    const team = await requireTeam(trx, org.id, input.teamId);
    assertCanChangeTeamMember({ actor: teamActor(ctx, team.id), currentRole: null, nextRole: input.role });
    if (!(await findMembership(trx, org.id, input.userId))) {
      throw new AppError("NOT_FOUND", {
        message: "This person is not a member of the organization. Invite them first.",
      });
    }
    await insertTeamMembership(trx, {
      team_id: team.id,
      user_id: input.userId,
      org_id: org.id,
      role: input.role,
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "team_member.added",
      target: { type: "team_member", id: `${team.id}:${input.userId}` },
      after: { teamId: team.id, userId: input.userId, role: input.role },
    });
    return { teamId: team.id, userId: input.userId, role: input.role };
  });
}
