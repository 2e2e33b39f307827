import { listIntegrationsPage } from "../../db/queries/integrations.js";
import type { ServiceContext } from "../context.js";
import type { Page } from "../shared/visible-page.js";
import { type IntegrationView, toIntegrationView } from "./integration-view.js";

/**
 * The org's integration catalog, for every member: knowing what exists is not using it (whether
 * someone may use one, and with which data scope, is `integrations:use` in the decision API).
 */
export async function listIntegrations(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<IntegrationView>> {
  const rows = await listIntegrationsPage(ctx.db, input.orgId, {
    afterId: input.after,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit).map(toIntegrationView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
