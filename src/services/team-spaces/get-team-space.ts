import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { loadTeamSpaceDetail, requireTeamSpace, type TeamSpaceDetailView } from "./team-space-view.js";

export async function getTeamSpace(
  ctx: ServiceContext,
  input: { orgId: string; teamSpaceId: string },
): Promise<TeamSpaceDetailView> {
  const row = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  await authorize(ctx, input.orgId, "team-spaces:view", { type: "team_space", id: row.id });
  return loadTeamSpaceDetail(ctx.db, input.orgId, row.id);
}
