import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Self sign-up with a work email (issue 5, item 1): a single-use, expiring email verification token
 * per sign-up request (only its SHA-256 is looked up; the raw token is kept sealed, like an
 * invitation's, so the outbox worker can mail the link, and is dropped once used), and two more kinds
 * of email in the outbox: the verification link and "you already have an account".
 *
 * SQLite cannot change a CHECK constraint in place, so there `email_messages` is rebuilt with the
 * wider kind list (and the new column) and its rows copied; PostgreSQL alters it.
 */
export const emailVerifications: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("email_verifications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("token_sealed", "text")
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("consumed_at", ts)
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("email_verifications_email_idx")
      .on("email_verifications")
      .columns(["email", "created_at"])
      .execute();

    const kinds = sql`kind in ('invitation', 'reminder', 'signup', 'signup_existing')`;
    if (dialect === "postgres") {
      await sql`alter table email_messages drop constraint email_messages_kind_check`.execute(db);
      await sql`alter table email_messages add constraint email_messages_kind_check check (${kinds})`.execute(
        db,
      );
      await db.schema
        .alterTable("email_messages")
        .addColumn("email_verification_id", "text", (c) =>
          c.references("email_verifications.id").onDelete("cascade"),
        )
        .execute();
    } else {
      await db.schema
        .createTable("email_messages_next")
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
        .addColumn("email_verification_id", "text", (c) =>
          c.references("email_verifications.id").onDelete("cascade"),
        )
        .addCheckConstraint("email_messages_kind_check", kinds)
        .addCheckConstraint("email_messages_status_check", sql`status in ('queued', 'sent', 'failed')`)
        .execute();
      await sql`
        insert into email_messages_next
          (id, org_id, invitation_id, kind, to_address, status, attempts, last_error, message_id, created_at, sent_at)
        select id, org_id, invitation_id, kind, to_address, status, attempts, last_error, message_id, created_at, sent_at
        from email_messages`.execute(db);
      await db.schema.dropTable("email_messages").execute();
      await db.schema.alterTable("email_messages_next").renameTo("email_messages").execute();
      await db.schema
        .createIndex("email_messages_invitation_idx")
        .on("email_messages")
        .columns(["invitation_id", "created_at"])
        .execute();
    }
    // Sign-up emails to one address are counted over the last hour (a cap against mail bombing).
    await db.schema
      .createIndex("email_messages_to_address_idx")
      .on("email_messages")
      .columns(["to_address", "created_at"])
      .execute();
  },
};
