import { insertKnowledgeBase } from "../../db/queries/knowledge-bases.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import type { KnowledgeBaseVisibility } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  type KnowledgeBaseView,
  knowledgeBaseSnapshot,
  requireKnowledgeBase,
  resolvePlacement,
  toKnowledgeBaseView,
} from "./knowledge-base-view.js";

export type CreateKnowledgeBaseInput = {
  orgId: string;
  key: string;
  name: string;
  visibility: KnowledgeBaseVisibility;
  department?: string | null;
  teamId?: string | null;
};

/**
 * mixus: a Team Member may "Build personal knowledge bases" (`knowledge-bases:create`); public,
 * department and team ones are the Organization Admin's "Manage knowledge bases"
 * (`knowledge-bases:manage`). The creator owns it.
 */
export async function createKnowledgeBase(
  ctx: ServiceContext,
  input: CreateKnowledgeBaseInput,
): Promise<KnowledgeBaseView> {
  const key = requireKey(input.key);
  const placement = await resolvePlacement(ctx.db, input.orgId, input);
  await authorize(
    ctx,
    input.orgId,
    placement.visibility === "personal" ? "knowledge-bases:create" : "knowledge-bases:manage",
    { type: "org" },
  );
  const ownerId = actorUserId(ctx);
  if (placement.visibility === "personal" && ownerId === null) {
    throw new AppError("VALIDATION_FAILED", {
      message: "A personal knowledge base needs a person to own it.",
    });
  }
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertKnowledgeBase(trx, {
      id,
      org_id: input.orgId,
      key,
      name: input.name,
      visibility: placement.visibility,
      department: placement.department,
      team_id: placement.teamId,
      owner_user_id: ownerId,
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = toKnowledgeBaseView(await requireKnowledgeBase(trx, input.orgId, id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "knowledge_base.created",
      target: { type: "knowledge_base", id },
      after: knowledgeBaseSnapshot(view),
    });
    return view;
  });
}
