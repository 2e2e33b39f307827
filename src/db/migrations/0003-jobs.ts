import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Leased background jobs (issue 4): the email outbox, webhook deliveries, expiry sweeps and reminders
 * are rows here, claimed with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer),
 * so that each runs once across instances and survives a restart.
 */
export const jobs: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("org_id", "text", (c) => c.references("orgs.id").onDelete("cascade"))
      .addColumn("payload", "text", (c) => c.notNull())
      // At most one unfinished job per key (recurring sweeps, one delivery per outbox row).
      .addColumn("unique_key", "text")
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull())
      .addColumn("run_at", ts, (c) => c.notNull())
      .addColumn("locked_by", "text")
      .addColumn("locked_until", ts)
      .addColumn("last_error", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("finished_at", ts)
      .addCheckConstraint("jobs_state_check", sql`state in ('queued', 'running', 'done', 'failed')`)
      .execute();
    await db.schema
      .createIndex("jobs_unique_key")
      .on("jobs")
      .column("unique_key")
      .unique()
      .where(sql.ref("state"), "in", sql`('queued', 'running')`)
      .execute();
    // The claim query reads this index alone: due queued jobs and expired leases.
    await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["state", "run_at"]).execute();
    await db.schema.createIndex("jobs_finished_idx").on("jobs").column("finished_at").execute();
  },
};
