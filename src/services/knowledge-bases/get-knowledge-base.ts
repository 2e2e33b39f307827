import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { type KnowledgeBaseView, requireKnowledgeBase, toKnowledgeBaseView } from "./knowledge-base-view.js";

export async function getKnowledgeBase(
  ctx: ServiceContext,
  input: { orgId: string; knowledgeBaseId: string },
): Promise<KnowledgeBaseView> {
  const row = await requireKnowledgeBase(ctx.db, input.orgId, input.knowledgeBaseId);
  await authorize(ctx, input.orgId, "knowledge-bases:read", { type: "knowledge_base", id: row.id });
  return toKnowledgeBaseView(row);
}
