import { insertModel } from "../../db/queries/models.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type ModelView, modelSnapshot, requireModel, toModelView } from "./model-view.js";

export type CreateModelInput = {
  orgId: string;
  key: string;
  name: string;
  provider?: string | null;
  enabled?: boolean;
};

/**
 * mixus Organization Admin: "Configure AI model access" (`models:configure`). The key is what permission
 * sets' ai_models lists name (gpt-4, claude-3).
 */
export async function createModel(ctx: ServiceContext, input: CreateModelInput): Promise<ModelView> {
  await authorize(ctx, input.orgId, "models:configure", { type: "org" });
  const key = requireKey(input.key);
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertModel(trx, {
      id,
      org_id: input.orgId,
      key,
      name: input.name,
      provider: input.provider ?? null,
      status: input.enabled === false ? "disabled" : "enabled",
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = toModelView(await requireModel(trx, input.orgId, id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "model.created",
      target: { type: "model", id },
      after: modelSnapshot(view),
    });
    return view;
  });
}
