import {
  findWebhookDelivery,
  findWebhookEndpointById,
  insertWebhookAttempt,
  updateWebhookDelivery,
  updateWebhookEndpoint,
} from "../db/queries/webhooks.js";
import { inTransaction } from "../db/transaction.js";
import type { Job } from "../jobs/runner.js";
import { newId } from "../lib/ids.js";
import { signWebhook } from "../security/webhook-signature.js";
import type { Deps } from "../services/context.js";
import { postToReceiver, ReceiverRefused, resolveReceiver } from "./post-to-receiver.js";
import { WEBHOOK_MAX_ATTEMPTS } from "./queue-webhooks.js";

const BODY_LIMIT = 1024;

/** The sealing context of an endpoint's secret: a sealed secret copied onto another endpoint fails. */
export function webhookSecretContext(endpointId: string): string {
  return `webhook_endpoint:${endpointId}`;
}

/**
 * The `webhooks.deliver` job: POSTs the delivery's payload, signed (Standard Webhooks), and logs the
 * attempt. 2xx: delivered. 410 Gone: the endpoint is disabled (reason recorded), the delivery failed.
 * A receiver on a non-public address (WEBHOOK_ALLOW_PRIVATE_URLS off) is refused before connecting:
 * the attempt is logged and the delivery failed, without retries. Anything else throws so the runner
 * retries with backoff; the last attempt marks the delivery failed.
 */
export async function deliverWebhook(deps: Deps, job: Job): Promise<void> {
  const { deliveryId } = job.payload as { deliveryId: string };
  const delivery = await findWebhookDelivery(deps.db, deliveryId);
  if (delivery?.status !== "pending") return;
  const endpoint = await findWebhookEndpointById(deps.db, delivery.endpoint_id);
  if (!endpoint) return;
  if (endpoint.enabled !== 1) {
    await updateWebhookDelivery(deps.db, delivery.id, {
      status: "failed",
      last_error: `The endpoint is disabled${endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ""}.`,
    });
    return;
  }
  const secret = deps.sealer.unseal(endpoint.secret_sealed, webhookSecretContext(endpoint.id));
  const started = deps.clock.now();
  const timestamp = Math.floor(started.getTime() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Gatehouse-Webhooks/1",
    "webhook-id": delivery.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, delivery.id, timestamp, delivery.payload),
  };

  let statusCode: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  let refused = false;
  const t0 = performance.now();
  const signal = AbortSignal.timeout(deps.config.webhooks.timeoutMs);
  try {
    const url = new URL(endpoint.url);
    const addresses = await resolveReceiver(deps, url);
    const answer = await postToReceiver(url, {
      headers,
      body: delivery.payload,
      addresses,
      signal,
      bodyLimit: BODY_LIMIT,
    });
    statusCode = answer.status;
    responseBody = answer.body;
    if (statusCode < 200 || statusCode > 299) error = `The endpoint answered HTTP ${statusCode}.`;
  } catch (cause) {
    refused = cause instanceof ReceiverRefused;
    error = refused
      ? (cause as Error).message
      : signal.aborted
        ? `No response within ${deps.config.webhooks.timeoutMs} ms (WEBHOOK_TIMEOUT_MS).`
        : `Could not reach the endpoint: ${(cause as Error).message}`;
  }
  const durationMs = Math.round(performance.now() - t0);
  const attempts = delivery.attempts + 1;
  const gone = statusCode === 410;
  const delivered = error === null;
  // A refused address is final: retrying cannot change it, only a new URL (or the setting) can.
  const last = !delivered && (gone || refused || job.attempt >= WEBHOOK_MAX_ATTEMPTS);

  await inTransaction(deps.db, async (trx) => {
    await insertWebhookAttempt(trx, {
      id: newId(),
      delivery_id: delivery.id,
      at: started.toISOString(),
      status_code: statusCode,
      error,
      duration_ms: durationMs,
      response_body: responseBody,
    });
    await updateWebhookDelivery(trx, delivery.id, {
      attempts,
      last_status_code: statusCode,
      last_error: error,
      ...(delivered && { status: "delivered" as const, delivered_at: deps.clock.now().toISOString() }),
      ...(last && { status: "failed" as const }),
    });
    if (gone) {
      await updateWebhookEndpoint(trx, endpoint.id, {
        enabled: 0,
        disabled_reason: `The endpoint answered 410 Gone on ${started.toISOString()}; re-enable it with PATCH enabled: true.`,
        updated_at: deps.clock.now().toISOString(),
      });
    }
  });
  if (!delivered && !last) throw new Error(error ?? "webhook delivery failed");
}
