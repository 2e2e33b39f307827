import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Verified domains (issue 5): domains an org claims and proves by DNS, join requests from people at a
 * verified domain, and which users' emails are proven (only those ever join through a domain).
 */
export const domains: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("org_domains")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("domain", "text", (c) => c.notNull())
      .addColumn("verification_token", "text", (c) => c.notNull())
      .addColumn("verified_at", ts)
      .addColumn("include_subdomains", "integer", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("default_role", "text", (c) => c.notNull())
      .addColumn("departments", "text", (c) => c.notNull())
      .addColumn("require_sso", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint("org_domains_mode_check", sql`mode in ('off', 'auto', 'approval')`)
      .addCheckConstraint(
        "org_domains_default_role_check",
        sql`default_role in ('viewer', 'member', 'admin')`,
      )
      .execute();
    await db.schema
      .createIndex("org_domains_org_domain_key")
      .on("org_domains")
      .columns(["org_id", "domain"])
      .unique()
      .execute();
    // One verified domain belongs to one org; several orgs may claim it until one proves it.
    await db.schema
      .createIndex("org_domains_verified_key")
      .on("org_domains")
      .column("domain")
      .unique()
      .where(sql.ref("verified_at"), "is not", null)
      .execute();

    await db.schema
      .createTable("join_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("domain_id", "text", (c) => c.references("org_domains.id").onDelete("set null"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("department", "text")
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("decided_at", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addCheckConstraint("join_requests_status_check", sql`status in ('pending', 'approved', 'declined')`)
      .addCheckConstraint("join_requests_role_check", sql`role in ('viewer', 'member', 'admin')`)
      .execute();
    await db.schema
      .createIndex("join_requests_pending_key")
      .on("join_requests")
      .columns(["org_id", "user_id"])
      .unique()
      .where(sql.ref("status"), "=", "pending")
      .execute();
    await db.schema
      .createIndex("join_requests_org_idx")
      .on("join_requests")
      .columns(["org_id", "status", "created_at"])
      .execute();
    await db.schema.createIndex("join_requests_user_idx").on("join_requests").columns(["user_id"]).execute();

    await db.schema.alterTable("users").addColumn("email_verified_at", ts).execute();
    // An accepted invitation proves the address: its link was sent there.
    await sql`
      update users set email_verified_at = (
        select min(invitations.accepted_at) from invitations
        where invitations.accepted_by = users.id and invitations.email = users.email
      )
      where email_verified_at is null`.execute(db);
  },
};
