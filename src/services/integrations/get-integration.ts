import type { ServiceContext } from "../context.js";
import { type IntegrationView, requireIntegration, toIntegrationView } from "./integration-view.js";

/** One entry of the catalog, for every member. */
export async function getIntegration(
  ctx: ServiceContext,
  input: { orgId: string; integrationId: string },
): Promise<IntegrationView> {
  return toIntegrationView(await requireIntegration(ctx.db, input.orgId, input.integrationId));
}
