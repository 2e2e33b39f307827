import { listWebhookEndpoints } from "../../db/queries/webhooks.js";
import type { ServiceContext } from "../context.js";
import { authorizeWebhooks, requireWebhookEndpoint, webhookEndpointView } from "./webhook-endpoint-view.js";

export async function listWebhookEndpointsOf(ctx: ServiceContext, input: { orgId: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return { items: (await listWebhookEndpoints(ctx.db, input.orgId)).map(webhookEndpointView) };
}

export async function getWebhookEndpoint(ctx: ServiceContext, input: { orgId: string; id: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return webhookEndpointView(await requireWebhookEndpoint(ctx.db, input.orgId, input.id));
}
