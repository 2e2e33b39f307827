import { updateKnowledgeBase as updateKnowledgeBaseRow } from "../../db/queries/knowledge-bases.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import type { KnowledgeBaseVisibility } from "../../domain/access/policy-data.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  type KnowledgeBaseView,
  knowledgeBaseSnapshot,
  requireKnowledgeBase,
  resolvePlacement,
  toKnowledgeBaseView,
} from "./knowledge-base-view.js";

export type UpdateKnowledgeBaseInput = {
  orgId: string;
  knowledgeBaseId: string;
  key?: string;
  name?: string;
  visibility?: KnowledgeBaseVisibility;
  department?: string | null;
  teamId?: string | null;
};

/**
 * Renaming needs `knowledge-bases:edit` (its owner, its team's admins, org admins). Changing who it is
 * for (visibility, department, team) is managing the org's knowledge bases: `knowledge-bases:manage`.
 */
export async function updateKnowledgeBase(
  ctx: ServiceContext,
  input: UpdateKnowledgeBaseInput,
): Promise<KnowledgeBaseView> {
  const row = await requireKnowledgeBase(ctx.db, input.orgId, input.knowledgeBaseId);
  await authorize(ctx, input.orgId, "knowledge-bases:edit", { type: "knowledge_base", id: row.id });
  const visibility = input.visibility ?? row.visibility;
  const sameVisibility = visibility === row.visibility;
  const placement = await resolvePlacement(ctx.db, input.orgId, {
    visibility,
    department: input.department !== undefined ? input.department : sameVisibility ? row.department : null,
    teamId: input.teamId !== undefined ? input.teamId : sameVisibility ? row.team_id : null,
  });
  if (
    placement.visibility !== row.visibility ||
    placement.department !== row.department ||
    placement.teamId !== row.team_id
  ) {
    await authorize(ctx, input.orgId, "knowledge-bases:manage", { type: "org" });
  }
  const key = input.key === undefined ? row.key : requireKey(input.key);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toKnowledgeBaseView(await requireKnowledgeBase(trx, input.orgId, row.id));
    await updateKnowledgeBaseRow(trx, row.id, {
      key,
      name: input.name ?? row.name,
      visibility: placement.visibility,
      department: placement.department,
      team_id: placement.teamId,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = toKnowledgeBaseView(await requireKnowledgeBase(trx, input.orgId, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "knowledge_base.updated",
      target: { type: "knowledge_base", id: row.id },
      before: knowledgeBaseSnapshot(before),
      after: knowledgeBaseSnapshot(after),
    });
    return after;
  });
}
