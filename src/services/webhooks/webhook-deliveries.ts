import {
  findWebhookDelivery,
  listUnfinishedJobRunAts,
  listWebhookAttempts,
  listWebhookDeliveries,
  updateWebhookDelivery,
} from "../../db/queries/webhooks.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { WEBHOOK_TEST_EVENT } from "../../domain/webhooks.js";
import { enqueueJob } from "../../jobs/queue.js";
import { deliveryJob, deliveryRow, insertQueuedDeliveries } from "../../webhooks/queue-webhooks.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorizeWebhooks, requireWebhookEndpoint } from "./webhook-endpoint-view.js";

/** The endpoint's latest deliveries, newest first, each with its attempts and, while pending, its next attempt. */
export async function listWebhookDeliveriesOf(
  ctx: ServiceContext,
  input: { orgId: string; id: string; limit: number },
) {
  await authorizeWebhooks(ctx, input.orgId);
  await requireWebhookEndpoint(ctx.db, input.orgId, input.id);
  const deliveries = await listWebhookDeliveries(ctx.db, input.id, input.limit);
  const attempts = await listWebhookAttempts(
    ctx.db,
    deliveries.map((d) => d.id),
  );
  const pending = deliveries.filter((d) => d.status === "pending").map((d) => deliveryJob(d).uniqueKey);
  const runAts = new Map(
    (await listUnfinishedJobRunAts(ctx.db, pending)).map((j) => [j.unique_key, j.run_at]),
  );
  return {
    items: deliveries.map((d) => ({
      id: d.id,
      eventType: d.event_type,
      payload: JSON.parse(d.payload) as unknown,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.last_status_code,
      lastError: d.last_error,
      createdAt: d.created_at,
      deliveredAt: d.delivered_at,
      nextAttemptAt: runAts.get(deliveryJob(d).uniqueKey) ?? null,
      attemptLog: attempts
        .filter((a) => a.delivery_id === d.id)
        .map((a) => ({
          at: a.at,
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
          responseBody: a.response_body,
        })),
    })),
  };
}

/** Queues a `webhook.test` ping to the endpoint (whatever its event filter; refused while the endpoint is disabled). */
export async function sendTestWebhook(ctx: ServiceContext, input: { orgId: string; id: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return inTransaction(ctx.db, async (trx) => {
    const endpoint = await requireWebhookEndpoint(trx, input.orgId, input.id);
    if (endpoint.enabled !== 1) {
      throw new AppError("WEBHOOK_ENDPOINT_DISABLED");
    }
    const row = deliveryRow(endpoint.id, {
      orgId: input.orgId,
      type: WEBHOOK_TEST_EVENT,
      timestamp: nowIso(ctx),
      data: {
        orgId: input.orgId,
        targetId: endpoint.id,
        before: null,
        after: null,
        actor: { userId: actorUserId(ctx), apiKeyId: null, source: ctx.actor.source },
      },
    });
    await insertQueuedDeliveries(trx, [row]);
    return { deliveryId: row.id };
  });
}

/** Sends a delivery again (same webhook-id, so receivers can deduplicate), with a fresh attempt budget. */
export async function redeliverWebhook(ctx: ServiceContext, input: { orgId: string; deliveryId: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  return inTransaction(ctx.db, async (trx) => {
    const delivery = await findWebhookDelivery(trx, input.deliveryId);
    if (delivery?.org_id !== input.orgId) {
      throw new AppError("NOT_FOUND", {
        message: "That webhook delivery does not exist in this organization.",
      });
    }
    const endpoint = await requireWebhookEndpoint(trx, input.orgId, delivery.endpoint_id);
    if (endpoint.enabled !== 1) {
      throw new AppError("WEBHOOK_ENDPOINT_DISABLED");
    }
    await updateWebhookDelivery(trx, delivery.id, { status: "pending", delivered_at: null });
    const queued = await enqueueJob(trx, ctx.clock.now(), deliveryJob(delivery));
    return { deliveryId: delivery.id, queued };
  });
}
