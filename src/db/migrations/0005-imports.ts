import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Bulk invitations (issue 4): one `imports` row per uploaded file, one `import_rows` row per CSV
 * record (the report, and the resume point of an interrupted import), the team-import profile of an
 * invitation (names and manager), and the manager carried onto the membership on acceptance.
 */
export const imports: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    const count = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
    await db.schema
      .createTable("imports")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      // Dry runs have none: each dry run is a fresh report.
      .addColumn("idempotency_key", "text")
      .addColumn("file_sha256", "text", (c) => c.notNull())
      .addColumn("format", "text", (c) => c.notNull())
      // 0 or 1 (SQLite has no boolean).
      .addColumn("dry_run", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("total_rows", "integer", count)
      .addColumn("invited", "integer", count)
      .addColumn("already_member", "integer", count)
      .addColumn("already_invited", "integer", count)
      .addColumn("duplicate_in_file", "integer", count)
      .addColumn("invalid", "integer", count)
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("finished_at", ts)
      .addCheckConstraint("imports_status_check", sql`status in ('running', 'completed')`)
      .addCheckConstraint("imports_format_check", sql`format in ('bulk', 'team')`)
      .execute();
    await db.schema
      .createIndex("imports_org_key")
      .on("imports")
      .columns(["org_id", "idempotency_key"])
      .unique()
      .where(sql.ref("idempotency_key"), "is not", null)
      .execute();
    await db.schema
      .createIndex("imports_org_created_idx")
      .on("imports")
      .columns(["org_id", "created_at"])
      .execute();

    await db.schema
      .createTable("import_rows")
      .addColumn("import_id", "text", (c) => c.notNull().references("imports.id").onDelete("cascade"))
      .addColumn("line", "integer", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("invitation_id", "text", (c) => c.references("invitations.id").onDelete("set null"))
      .addPrimaryKeyConstraint("import_rows_pk", ["import_id", "line"])
      .addCheckConstraint(
        "import_rows_outcome_check",
        sql`outcome in ('invited', 'already_member', 'already_invited', 'duplicate_in_file', 'invalid')`,
      )
      .execute();
    // Duplicates within the file are found here, one query per chunk, instead of a Set of every email.
    await db.schema
      .createIndex("import_rows_email_idx")
      .on("import_rows")
      .columns(["import_id", "email"])
      .execute();
    await db.schema
      .createIndex("import_rows_outcome_idx")
      .on("import_rows")
      .columns(["import_id", "outcome", "line"])
      .execute();

    await db.schema
      .createTable("invitation_profiles")
      .addColumn("invitation_id", "text", (c) =>
        c.primaryKey().references("invitations.id").onDelete("cascade"),
      )
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("first_name", "text")
      .addColumn("last_name", "text")
      .addColumn("manager_email", "text")
      .execute();

    await db.schema
      .alterTable("memberships")
      .addColumn("manager_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .execute();
    await db.schema.alterTable("memberships").addColumn("manager_email", "text").execute();
  },
};
