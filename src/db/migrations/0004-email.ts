import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Invitation email (issue 4): an outbox of messages (one row per email, delivered by the
 * `email.deliver` job), per-org templates, and on invitations the sealed current token (so the worker
 * can mail the link; the hash stays the only way to look one up), when the reminder went out, and when
 * the expiry was recorded (the sweep records it once).
 */
export const email: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("email_messages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("invitation_id", "text", (c) => c.references("invitations.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("to_address", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .addColumn("message_id", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("sent_at", ts)
      .addCheckConstraint("email_messages_kind_check", sql`kind in ('invitation', 'reminder')`)
      .addCheckConstraint("email_messages_status_check", sql`status in ('queued', 'sent', 'failed')`)
      .execute();
    await db.schema
      .createIndex("email_messages_invitation_idx")
      .on("email_messages")
      .columns(["invitation_id", "created_at"])
      .execute();
    await db.schema
      .createTable("email_templates")
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addPrimaryKeyConstraint("email_templates_pk", ["org_id", "kind"])
      .execute();
    await db.schema.alterTable("invitations").addColumn("token_sealed", "text").execute();
    await db.schema.alterTable("invitations").addColumn("reminded_at", ts).execute();
    await db.schema.alterTable("invitations").addColumn("expiry_recorded_at", ts).execute();
  },
};
