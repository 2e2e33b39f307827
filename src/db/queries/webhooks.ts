import type { Executor } from "../client.js";
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from "../schema.js";

export async function insertWebhookEndpoint(db: Executor, row: WebhookEndpointsTable): Promise<void> {
  await db.insertInto("webhook_endpoints").values(row).execute();
}

export function findWebhookEndpoint(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findWebhookEndpointById(db: Executor, id: string) {
  return db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listWebhookEndpoints(db: Executor, orgId: string) {
  return db.selectFrom("webhook_endpoints").selectAll().where("org_id", "=", orgId).orderBy("id").execute();
}

/** The one query per transaction that decides whether an org's events become deliveries. */
export function listEnabledWebhookEndpoints(db: Executor, orgIds: readonly string[]) {
  return db
    .selectFrom("webhook_endpoints")
    .select(["id", "org_id", "event_types"])
    .where("org_id", "in", orgIds)
    .where("enabled", "=", 1)
    .execute();
}

export async function updateWebhookEndpoint(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      WebhookEndpointsTable,
      "url" | "description" | "event_types" | "enabled" | "secret_sealed" | "disabled_reason" | "updated_at"
    >
  >,
): Promise<void> {
  await db.updateTable("webhook_endpoints").set(changes).where("id", "=", id).execute();
}

export async function deleteWebhookEndpoint(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("webhook_deliveries").where("endpoint_id", "=", id).execute();
  await db.deleteFrom("webhook_endpoints").where("id", "=", id).execute();
}

export async function insertWebhookDeliveries(db: Executor, rows: readonly WebhookDeliveriesTable[]) {
  // 11 columns a row: 80 rows a statement stay under SQLite's 999 bound parameters.
  for (let i = 0; i < rows.length; i += 80) {
    await db
      .insertInto("webhook_deliveries")
      .values(rows.slice(i, i + 80))
      .execute();
  }
}

export function findWebhookDelivery(db: Executor, id: string) {
  return db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listWebhookDeliveries(db: Executor, endpointId: string, limit: number) {
  return db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export function listWebhookAttempts(db: Executor, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("webhook_attempts")
    .selectAll()
    .where("delivery_id", "in", deliveryIds)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

export async function updateWebhookDelivery(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<WebhookDeliveriesTable, "status" | "attempts" | "last_status_code" | "last_error" | "delivered_at">
  >,
): Promise<void> {
  await db.updateTable("webhook_deliveries").set(changes).where("id", "=", id).execute();
}

export async function insertWebhookAttempt(db: Executor, row: WebhookAttemptsTable): Promise<void> {
  await db.insertInto("webhook_attempts").values(row).execute();
}

/**
 * The newest delivery of each of the org's endpoints that has one, in one statement: per endpoint, a
 * correlated subquery walks its (endpoint_id, created_at, id) index backwards to the first row.
 */
export function listLatestWebhookDeliveries(db: Executor, orgId: string) {
  return db
    .selectFrom("webhook_endpoints as e")
    .innerJoin("webhook_deliveries as d", (join) =>
      join.on("d.id", "=", (eb) =>
        eb
          .selectFrom("webhook_deliveries as newest")
          .select("newest.id")
          .whereRef("newest.endpoint_id", "=", "e.id")
          .orderBy("newest.created_at", "desc")
          .orderBy("newest.id", "desc")
          .limit(1),
      ),
    )
    .select([
      "d.endpoint_id",
      "d.id",
      "d.event_type",
      "d.status",
      "d.attempts",
      "d.last_status_code",
      "d.last_error",
      "d.created_at",
    ])
    .where("e.org_id", "=", orgId)
    .execute();
}

/** When each unfinished delivery job runs next, by its unique key (`webhooks.deliver:<delivery id>`). */
export function listUnfinishedJobRunAts(db: Executor, uniqueKeys: readonly string[]) {
  if (uniqueKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("jobs")
    .select(["unique_key", "run_at"])
    .where("unique_key", "in", uniqueKeys)
    .where("state", "in", ["queued", "running"])
    .execute();
}
