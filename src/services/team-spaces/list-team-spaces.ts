import { listTeamSpacesByIds } from "../../db/queries/team-spaces.js";
import type { ServiceContext } from "../context.js";
import { type Page, visiblePage } from "../shared/visible-page.js";
import { type TeamSpaceView, toTeamSpaceViews } from "./team-space-view.js";

/** The team spaces the caller may see (their teams have view or full access); admins all. */
export function listTeamSpaces(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<TeamSpaceView>> {
  return visiblePage(ctx, input.orgId, input, {
    action: "team-spaces:view",
    resourceType: "team_space",
    ids: (policy) => policy.teamSpaces.keys(),
    load: async (ids) => toTeamSpaceViews(ctx.db, await listTeamSpacesByIds(ctx.db, input.orgId, ids)),
  });
}
