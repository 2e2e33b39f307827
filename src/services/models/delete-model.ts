import { deleteModel as deleteModelRow } from "../../db/queries/models.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { modelSnapshot, requireModel, toModelView } from "./model-view.js";

/**
 * Admins only. Permission sets that list the key keep listing it (they name models by key, as the
 * seed's JSON does); checks for it become "unknown resource" until a model with that key is added.
 */
export async function deleteModel(
  ctx: ServiceContext,
  input: { orgId: string; modelId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "models:configure", { type: "org" });
  const row = await requireModel(ctx.db, input.orgId, input.modelId);
  await inTransaction(ctx.db, async (trx) => {
    const before = toModelView(await requireModel(trx, input.orgId, row.id));
    await deleteModelRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "model.deleted",
      target: { type: "model", id: row.id },
      before: modelSnapshot(before),
    });
  });
}
