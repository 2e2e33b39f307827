import { deleteIntegration as deleteIntegrationRow } from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteResourceLinks } from "../../db/queries/resource-links.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { integrationSnapshot, requireIntegration, toIntegrationView } from "./integration-view.js";

/** With its shares and its places in team spaces and projects. */
export async function deleteIntegration(
  ctx: ServiceContext,
  input: { orgId: string; integrationId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  const row = await requireIntegration(ctx.db, input.orgId, input.integrationId);
  await inTransaction(ctx.db, async (trx) => {
    const before = toIntegrationView(await requireIntegration(trx, input.orgId, row.id));
    await deleteResourceLinks(trx, input.orgId, "integration", row.id);
    await deleteIntegrationRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "integration.deleted",
      target: { type: "integration", id: row.id },
      before: integrationSnapshot(before),
    });
  });
}
