import { listLatestWebhookDeliveries, listWebhookEndpoints } from "../../db/queries/webhooks.js";
import type { ServiceContext } from "../context.js";
import { authorizeWebhooks, requireWebhookEndpoint, webhookEndpointView } from "./webhook-endpoint-view.js";

/** The org's endpoints, each with its newest delivery (what the console's list shows as "last delivery"). */
export async function listWebhookEndpointsOf(ctx: ServiceContext, input: { orgId: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  const [rows, latest] = await Promise.all([
    listWebhookEndpoints(ctx.db, input.orgId),
    listLatestWebhookDeliveries(ctx.db, input.orgId),
  ]);
  const lastOf = new Map(latest.map((last) => [last.endpoint_id, last]));
  const items = rows.map((row) => {
    const last = lastOf.get(row.id);
    return {
      ...webhookEndpointView(row),
      lastDelivery: last
        ? {
            id: last.id,
            eventType: last.event_type,
            status: last.status,
            attempts: last.attempts,
            lastStatusCode: last.last_status_code,
            lastError: last.last_error,
            createdAt: last.created_at,
          }
        : null,
    };
  });
  return { items };
}

export async function getWebhookEndpoint(ctx: ServiceContext, input: { orgId: string; id: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return webhookEndpointView(await requireWebhookEndpoint(ctx.db, input.orgId, input.id));
}
