import { listKnowledgeBasesByIds } from "../../db/queries/knowledge-bases.js";
import type { ServiceContext } from "../context.js";
import { type Page, visiblePage } from "../shared/visible-page.js";
import { type KnowledgeBaseView, toKnowledgeBaseView } from "./knowledge-base-view.js";

/**
 * The knowledge bases the caller may read (`knowledge-bases:read`: public ones, their department's and
 * teams', their own, and what their permission set's knowledge_base_access lists); admins all.
 */
export function listKnowledgeBases(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<KnowledgeBaseView>> {
  return visiblePage(ctx, input.orgId, input, {
    action: "knowledge-bases:read",
    resourceType: "knowledge_base",
    ids: (policy) => policy.knowledgeBases.keys(),
    load: async (ids) => (await listKnowledgeBasesByIds(ctx.db, input.orgId, ids)).map(toKnowledgeBaseView),
  });
}
