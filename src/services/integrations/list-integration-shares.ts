import { listIntegrationShares as listIntegrationShareRows } from "../../db/queries/integrations.js";
import type { ServiceContext } from "../context.js";
import {
  type IntegrationShareView,
  requireIntegration,
  toIntegrationShareViews,
} from "./integration-view.js";

/** Which teams may use the integration and with which data scope; none: every member may. */
export async function listIntegrationShares(
  ctx: ServiceContext,
  input: { orgId: string; integrationId: string },
): Promise<IntegrationShareView[]> {
  const row = await requireIntegration(ctx.db, input.orgId, input.integrationId);
  return toIntegrationShareViews(await listIntegrationShareRows(ctx.db, row.id));
}
