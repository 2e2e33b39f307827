import { listTeamMembers as listTeamMemberRows } from "../../db/queries/teams.js";
import type { TeamRole } from "../../domain/roles.js";
import type { ServiceContext } from "../context.js";
import { requireTeam } from "../shared/require.js";

export type TeamMemberView = { userId: string; name: string; email: string; role: TeamRole; addedAt: string };

export async function listTeamMembers(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string },
): Promise<TeamMemberView[]> {
  await requireTeam(ctx.db, input.orgId, input.teamId);
  const rows = await listTeamMemberRows(ctx.db, input.teamId);
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    addedAt: row.created_at,
  }));
}
