import { deleteIntegrationShare, listIntegrationShares } from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireIntegration } from "./integration-view.js";

/**
 * Takes one team off the integration. Removing the last share opens the integration to every member
 * again (that is what "no shares" means).
 */
export async function removeIntegrationShare(
  ctx: ServiceContext,
  input: { orgId: string; integrationId: string; teamId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  const row = await requireIntegration(ctx.db, input.orgId, input.integrationId);
  await inTransaction(ctx.db, async (trx) => {
    const share = (await listIntegrationShares(trx, row.id)).find((s) => s.team_id === input.teamId);
    if (!share || !(await deleteIntegrationShare(trx, row.id, input.teamId))) {
      throw new AppError("NOT_FOUND", { message: "This integration is not shared with that team." });
    }
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "integration.unshared",
      target: { type: "integration", id: row.id },
      before: { key: row.key, teamId: share.team_id, teamName: share.team_name, dataScope: share.data_scope },
    });
  });
}
