import { insertWebhookEndpoint } from "../../db/queries/webhooks.js";
import { inTransaction } from "../../db/transaction.js";
import { assertWebhookUrl } from "../../domain/webhooks.js";
import { newId } from "../../lib/ids.js";
import { newWebhookSecret } from "../../security/webhook-signature.js";
import { webhookSecretContext } from "../../webhooks/deliver-webhook.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { authorizeWebhooks, type WebhookEndpointView, webhookEndpointView } from "./webhook-endpoint-view.js";

/** A new endpoint with a fresh secret, returned this once (and on rotate). */
export async function createWebhookEndpoint(
  ctx: ServiceContext,
  input: { orgId: string; url: string; description: string; eventTypes: string[] },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await authorizeWebhooks(ctx, input.orgId);
  const url = assertWebhookUrl(input.url, { allowPrivate: ctx.config.webhooks.allowPrivateUrls });
  return inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    const now = nowIso(ctx);
    const id = newId();
    const secret = newWebhookSecret();
    const row = {
      id,
      org_id: input.orgId,
      url,
      description: input.description,
      event_types: JSON.stringify([...new Set(input.eventTypes)]),
      enabled: 1,
      secret_sealed: ctx.sealer.seal(secret, webhookSecretContext(id)),
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    };
    await insertWebhookEndpoint(trx, row);
    const endpoint = webhookEndpointView(row);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "webhook_endpoint.created",
      target: { type: "webhook_endpoint", id },
      after: { url, description: endpoint.description, eventTypes: endpoint.eventTypes },
    });
    return { endpoint, secret };
  });
}
