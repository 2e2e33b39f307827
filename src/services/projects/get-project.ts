import type { ServiceContext } from "../context.js";
import { type ProjectView, requireReadableProject, toProjectView } from "./project-views.js";

export async function getProject(
  ctx: ServiceContext,
  input: { orgId: string; projectId: string },
): Promise<ProjectView> {
  const row = await requireReadableProject(ctx, input.orgId, input.projectId);
  return toProjectView(ctx.db, input.orgId, row, ctx.clock.nowMs());
}
