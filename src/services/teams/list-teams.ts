import { listTeams as listTeamRows } from "../../db/queries/teams.js";
import type { ServiceContext } from "../context.js";
import { requireOrg } from "../shared/require.js";

export type TeamView = {
  id: string;
  name: string;
  isDefault: boolean;
  memberCount: number;
  createdAt: string;
};

/** The org's teams, or only `teamId` when given (an empty list when it is not the org's). */
export async function listTeams(
  ctx: ServiceContext,
  input: { orgId: string; teamId?: string },
): Promise<TeamView[]> {
  const org = await requireOrg(ctx.db, input.orgId);
  const rows = await listTeamRows(ctx.db, input.orgId, input.teamId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    isDefault: row.id === org.default_team_id,
    memberCount: Number(row.member_count),
    createdAt: row.created_at,
  }));
}
