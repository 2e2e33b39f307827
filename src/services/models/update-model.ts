import { updateModel as updateModelRow } from "../../db/queries/models.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type ModelView, modelSnapshot, requireModel, toModelView } from "./model-view.js";

export type UpdateModelInput = {
  orgId: string;
  modelId: string;
  key?: string;
  name?: string;
  provider?: string | null;
  enabled?: boolean;
};

/** Admins only. Turning a model off refuses `models:use` for everyone at once. */
export async function updateModel(ctx: ServiceContext, input: UpdateModelInput): Promise<ModelView> {
  await authorize(ctx, input.orgId, "models:configure", { type: "org" });
  const row = await requireModel(ctx.db, input.orgId, input.modelId);
  const key = input.key === undefined ? row.key : requireKey(input.key);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toModelView(await requireModel(trx, input.orgId, row.id));
    await updateModelRow(trx, row.id, {
      key,
      name: input.name ?? row.name,
      provider: input.provider === undefined ? row.provider : input.provider,
      status: input.enabled === undefined ? row.status : input.enabled ? "enabled" : "disabled",
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = toModelView(await requireModel(trx, input.orgId, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "model.updated",
      target: { type: "model", id: row.id },
      before: modelSnapshot(before),
      after: modelSnapshot(after),
    });
    return after;
  });
}
