import { deleteKnowledgeBase as deleteKnowledgeBaseRow } from "../../db/queries/knowledge-bases.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteResourceLinks } from "../../db/queries/resource-links.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { knowledgeBaseSnapshot, requireKnowledgeBase, toKnowledgeBaseView } from "./knowledge-base-view.js";

/**
 * Deleting takes the same right as changing it (`knowledge-bases:edit`: the table has no delete
 * action). Team spaces and projects that held it let go of it in the same transaction.
 */
export async function deleteKnowledgeBase(
  ctx: ServiceContext,
  input: { orgId: string; knowledgeBaseId: string },
): Promise<void> {
  const row = await requireKnowledgeBase(ctx.db, input.orgId, input.knowledgeBaseId);
  await authorize(ctx, input.orgId, "knowledge-bases:edit", { type: "knowledge_base", id: row.id });
  await inTransaction(ctx.db, async (trx) => {
    const before = toKnowledgeBaseView(await requireKnowledgeBase(trx, input.orgId, row.id));
    await deleteResourceLinks(trx, input.orgId, "knowledge_base", row.id);
    await deleteKnowledgeBaseRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "knowledge_base.deleted",
      target: { type: "knowledge_base", id: row.id },
      before: knowledgeBaseSnapshot(before),
    });
  });
}
