import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { replaceTeamSpaceAccess } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import type { SpaceLevel } from "../../domain/access/policy-data.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireDistinctTeams } from "../shared/require-teams.js";
import { loadTeamSpaceDetail, requireTeamSpace, type TeamSpaceDetailView } from "./team-space-view.js";

export type SetTeamSpaceAccessInput = {
  orgId: string;
  teamSpaceId: string;
  access: readonly { teamId: string; level: SpaceLevel }[];
};

/**
 * Replaces which teams reach the space and how (mixus: "Marketing team: Full access", "Leadership: View
 * access", "Other departments: No access"). Teams left out have no access, as with `none`.
 */
export async function setTeamSpaceAccess(
  ctx: ServiceContext,
  input: SetTeamSpaceAccessInput,
): Promise<TeamSpaceDetailView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const row = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  await requireDistinctTeams(
    ctx.db,
    input.orgId,
    input.access.map((a) => a.teamId),
  );
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await replaceTeamSpaceAccess(trx, input.orgId, row.id, input.access);
    await bumpAccessVersion(trx, input.orgId);
    const after = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.access_set",
      target: { type: "team_space", id: row.id },
      before: { key: row.key, access: before.access.map(({ teamId, level }) => ({ teamId, level })) },
      after: { key: row.key, access: after.access.map(({ teamId, level }) => ({ teamId, level })) },
    });
    return after;
  });
}
