import { findWebhookEndpoint, updateWebhookEndpoint } from "../../db/queries/webhooks.js";
import { inTransaction } from "../../db/transaction.js";
import { assertWebhookUrl } from "../../domain/webhooks.js";
import { newWebhookSecret } from "../../security/webhook-signature.js";
import { webhookSecretContext } from "../../webhooks/deliver-webhook.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { authorizeWebhooks, requireWebhookEndpoint, webhookEndpointView } from "./webhook-endpoint-view.js";

/** Changes the URL, description, event filter or enabled flag; re-enabling clears the disabled reason. */
export async function updateWebhookEndpointOf(
  ctx: ServiceContext,
  input: {
    orgId: string;
    id: string;
    url?: string | undefined;
    description?: string | undefined;
    eventTypes?: string[] | undefined;
    enabled?: boolean | undefined;
  },
) {
  await authorizeWebhooks(ctx, input.orgId);
  const url =
    input.url === undefined
      ? undefined
      : assertWebhookUrl(input.url, { allowPrivate: ctx.config.webhooks.allowPrivateUrls });
  return inTransaction(ctx.db, async (trx) => {
    const before = webhookEndpointView(await requireWebhookEndpoint(trx, input.orgId, input.id));
    await updateWebhookEndpoint(trx, input.id, {
      ...(url !== undefined && { url }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.eventTypes !== undefined && { event_types: JSON.stringify([...new Set(input.eventTypes)]) }),
      ...(input.enabled !== undefined && {
        enabled: input.enabled ? 1 : 0,
        disabled_reason: input.enabled ? null : "Disabled by an admin.",
      }),
      updated_at: nowIso(ctx),
    });
    const after = webhookEndpointView(await requireWebhookEndpoint(trx, input.orgId, input.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "webhook_endpoint.updated",
      target: { type: "webhook_endpoint", id: input.id },
      before,
      after,
    });
    return after;
  });
}

/** A new secret (returned this once); the old one stops signing at once. */
export async function rotateWebhookSecret(ctx: ServiceContext, input: { orgId: string; id: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return inTransaction(ctx.db, async (trx) => {
    await requireWebhookEndpoint(trx, input.orgId, input.id);
    const secret = newWebhookSecret();
    await updateWebhookEndpoint(trx, input.id, {
      secret_sealed: ctx.sealer.seal(secret, webhookSecretContext(input.id)),
      updated_at: nowIso(ctx),
    });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "webhook_endpoint.updated",
      target: { type: "webhook_endpoint", id: input.id },
      after: { secretRotated: true },
    });
    const row = await findWebhookEndpoint(trx, input.orgId, input.id);
    if (!row) throw new Error("endpoint vanished inside its transaction");
    return { endpoint: webhookEndpointView(row), secret };
  });
}
