import { findMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { insertTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { teamNameKey } from "../../domain/team-names.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { assertPlanHasTeams, requireLockedOrg } from "../shared/require.js";
import type { TeamView } from "./list-teams.js";

/** Business and Enterprise only. The creator, when a member, becomes the team's first owner. */
export async function createTeam(
  ctx: ServiceContext,
  input: { orgId: string; name: string },
): Promise<TeamView> {
  const now = nowIso(ctx);
  const name = input.name.trim();
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    assertPlanHasTeams(org);
    await insertTeam(trx, {
      id,
      org_id: org.id,
      name,
      name_key: teamNameKey(name),
      created_at: now,
      updated_at: now,
    });
    const creatorId = actorUserId(ctx);
    let memberCount = 0;
    if (creatorId !== null && (await findMembership(trx, org.id, creatorId))) {
      await insertTeamMembership(trx, {
        team_id: id,
        user_id: creatorId,
        org_id: org.id,
        role: "owner",
        created_at: now,
        updated_at: now,
      });
      await bumpAccessVersion(trx, org.id);
      memberCount = 1;
    }
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "team.created",
      target: { type: "team", id },
      after: { name, ownerUserId: memberCount ? creatorId : null },
    });
    return { id, name, isDefault: false, memberCount, createdAt: now };
  });
}
