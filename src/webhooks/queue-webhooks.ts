import { beforeCommit } from "../db/access-changes.js";
import type { Db, Executor } from "../db/client.js";
import type { UnchainedAuditEvent } from "../db/queries/audit-events.js";
import { insertWebhookDeliveries, listEnabledWebhookEndpoints } from "../db/queries/webhooks.js";
import type { WebhookDeliveriesTable } from "../db/schema.js";
import { endpointWants, webhookEventFor } from "../domain/webhooks.js";
import { enqueueJobs } from "../jobs/queue.js";
import { newId } from "../lib/ids.js";

export const WEBHOOK_DELIVER_JOB = "webhooks.deliver";
export const WEBHOOK_MAX_ATTEMPTS = 8;

export type WebhookEvent = {
  orgId: string;
  type: string;
  timestamp: string;
  data: { orgId: string; targetId: string; before: unknown; after: unknown; actor: unknown };
};

/** An audit record that announces a webhook event, and that event's type. */
type Announcement = { type: string; orgId: string; row: UnchainedAuditEvent };

const pendingEvents = new WeakMap<object, Announcement[]>();

/**
 * Turns audit records that announce a webhook event into deliveries, in the caller's transaction: at
 * its end (one query for the orgs' enabled endpoints per transaction), or at once outside `inTransaction`.
 * The records' JSON is read back into event bodies only when some endpoint is enabled: an import
 * announces one invitation.created per row, to an org that usually has no endpoint.
 */
export async function queueWebhooksForAudit(
  trx: Executor,
  rows: readonly UnchainedAuditEvent[],
): Promise<void> {
  const events: Announcement[] = [];
  for (const row of rows) {
    const type = webhookEventFor(row.action);
    if (!type || !row.org_id) continue;
    events.push({ type, orgId: row.org_id, row });
  }
  if (events.length === 0) return;
  const queued = pendingEvents.get(trx);
  if (queued) {
    queued.push(...events);
    return;
  }
  if (
    beforeCommit(trx, "webhooks", async () => {
      const list = pendingEvents.get(trx) ?? [];
      pendingEvents.delete(trx);
      await queueWebhookEvents(trx, list);
    })
  ) {
    pendingEvents.set(trx, events);
    return;
  }
  if (trx.isTransaction) await queueWebhookEvents(trx, events);
  else await (trx as Db).transaction().execute((own) => queueWebhookEvents(own, events));
}

function webhookEvent({ type, orgId, row }: Announcement): WebhookEvent {
  return {
    orgId,
    type,
    timestamp: row.created_at,
    data: {
      orgId,
      targetId: row.target_id,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
      actor: { userId: row.actor_user_id, apiKeyId: row.actor_api_key_id, source: row.source },
    },
  };
}

/** One delivery (and one job) per event and enabled endpoint that wants it. */
async function queueWebhookEvents(trx: Executor, announcements: readonly Announcement[]): Promise<number> {
  if (announcements.length === 0) return 0;
  const orgIds = [...new Set(announcements.map((e) => e.orgId))];
  const endpoints = await listEnabledWebhookEndpoints(trx, orgIds);
  if (endpoints.length === 0) return 0;
  const filters = endpoints.map((e) => ({ ...e, types: JSON.parse(e.event_types) as string[] }));
  const withEndpoints = new Set(endpoints.map((e) => e.org_id));
  const events = announcements.filter((a) => withEndpoints.has(a.orgId)).map(webhookEvent);
  const rows: WebhookDeliveriesTable[] = [];
  for (const event of events) {
    for (const endpoint of filters) {
      if (endpoint.org_id !== event.orgId || !endpointWants(endpoint.types, event.type)) continue;
      rows.push(deliveryRow(endpoint.id, event));
    }
  }
  await insertQueuedDeliveries(trx, rows);
  return rows.length;
}

export function deliveryRow(endpointId: string, event: WebhookEvent): WebhookDeliveriesTable {
  const { orgId, ...body } = event;
  return {
    id: `msg_${newId()}`,
    endpoint_id: endpointId,
    org_id: orgId,
    event_type: event.type,
    payload: JSON.stringify(body),
    status: "pending",
    attempts: 0,
    last_status_code: null,
    last_error: null,
    created_at: event.timestamp,
    delivered_at: null,
  };
}

export async function insertQueuedDeliveries(trx: Executor, rows: readonly WebhookDeliveriesTable[]) {
  if (rows.length === 0) return;
  await insertWebhookDeliveries(trx, rows);
  await enqueueJobs(trx, new Date(rows[0]?.created_at ?? Date.now()), rows.map(deliveryJob));
}

export function deliveryJob(row: Pick<WebhookDeliveriesTable, "id" | "org_id">) {
  return {
    kind: WEBHOOK_DELIVER_JOB,
    orgId: row.org_id,
    payload: { deliveryId: row.id },
    uniqueKey: `${WEBHOOK_DELIVER_JOB}:${row.id}`,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  };
}
