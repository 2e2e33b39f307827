import { listProjectsPage, type ProjectStatus } from "../../db/queries/projects.js";
import type { ServiceContext } from "../context.js";
import type { Page } from "../members/list-members.js";
import { type ProjectView, toProjectViews, visibleProjectIds } from "./project-views.js";

/** Admins see every project; anyone else the projects they are in (in person, by team or department). */
export async function listProjects(
  ctx: ServiceContext,
  input: { orgId: string; status: ProjectStatus | null; after: string | null; limit: number },
): Promise<Page<ProjectView>> {
  const now = ctx.clock.now();
  const ids = await visibleProjectIds(ctx, input.orgId);
  const rows = await listProjectsPage(
    ctx.db,
    input.orgId,
    { ids, status: input.status, now: now.toISOString() },
    { afterId: input.after, limit: input.limit + 1 },
  );
  const items = await toProjectViews(ctx.db, input.orgId, rows.slice(0, input.limit), now.getTime());
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
