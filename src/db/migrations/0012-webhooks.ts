import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Issue 4, webhooks (Standard Webhooks): endpoints per org (secret sealed), one delivery per event and
 * endpoint (its id is the `webhook-id` header), and every attempt at delivering it.
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("webhook_endpoints")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      // JSON array of event types; empty: every event.
      .addColumn("event_types", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("secret_sealed", "text", (c) => c.notNull())
      .addColumn("disabled_reason", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("webhook_endpoints_org_enabled_idx")
      .on("webhook_endpoints")
      .columns(["org_id", "enabled"])
      .execute();

    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("endpoint_id", "text", (c) =>
        c.notNull().references("webhook_endpoints.id").onDelete("cascade"),
      )
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("event_type", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) =>
        c.notNull().defaultTo("pending").check(sql`status in ('pending', 'delivered', 'failed')`),
      )
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_status_code", "integer")
      .addColumn("last_error", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("delivered_at", ts)
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_endpoint_idx")
      .on("webhook_deliveries")
      .columns(["endpoint_id", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("webhook_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("delivery_id", "text", (c) =>
        c.notNull().references("webhook_deliveries.id").onDelete("cascade"),
      )
      .addColumn("at", ts, (c) => c.notNull())
      .addColumn("status_code", "integer")
      .addColumn("error", "text")
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("response_body", "text")
      .execute();
    await db.schema
      .createIndex("webhook_attempts_delivery_idx")
      .on("webhook_attempts")
      .columns(["delivery_id", "at"])
      .execute();
  },
};
