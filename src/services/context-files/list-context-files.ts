import { listContextFilesByIds } from "../../db/queries/context-files.js";
import type { ServiceContext } from "../context.js";
import { type Page, visiblePage } from "../shared/visible-page.js";
import { type ContextFileView, toContextFileView } from "./context-file-view.js";

/** The context files the caller may read: their personal ones, their teams', the org's; admins all. */
export function listContextFiles(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<ContextFileView>> {
  return visiblePage(ctx, input.orgId, input, {
    action: "context-files:read",
    resourceType: "context_file",
    ids: (policy) => policy.contextFiles.keys(),
    load: async (ids) => (await listContextFilesByIds(ctx.db, input.orgId, ids)).map(toContextFileView),
  });
}
