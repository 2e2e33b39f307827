import type { Executor } from "../../db/client.js";
import { findWebhookEndpoint } from "../../db/queries/webhooks.js";
import type { WebhookEndpointsTable } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";

/** What the API shows of an endpoint: never its secret. */
export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export function webhookEndpointView(row: WebhookEndpointsTable): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Webhooks are configured by admins only (the `security:configure` action). */
export async function authorizeWebhooks(ctx: ServiceContext, orgId: string): Promise<void> {
  await authorize(ctx, orgId, "security:configure", { type: "org" });
}

export async function requireWebhookEndpoint(db: Executor, orgId: string, id: string) {
  const row = await findWebhookEndpoint(db, orgId, id);
  if (!row) {
    throw new AppError("NOT_FOUND", {
      message: "That webhook endpoint does not exist in this organization.",
    });
  }
  return row;
}
