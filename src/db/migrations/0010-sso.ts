import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * OIDC single sign-on (issue 5): one connection per org (client secret sealed), identities keyed on
 * issuer + subject (never on email), and single-use login states (hashed; deleted when consumed).
 */
export const sso: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("oidc_connections")
      .addColumn("org_id", "text", (c) => c.primaryKey().references("orgs.id").onDelete("cascade"))
      .addColumn("issuer", "text", (c) => c.notNull())
      .addColumn("client_id", "text", (c) => c.notNull())
      .addColumn("client_secret_sealed", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull())
      .addColumn("default_role", "text", (c) => c.notNull())
      .addColumn("groups_claim", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint(
        "oidc_connections_default_role_check",
        sql`default_role in ('viewer', 'member', 'admin')`,
      )
      .execute();

    await db.schema
      .createTable("user_identities")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("issuer", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("email", "text")
      .addColumn("email_verified", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_login_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("user_identities_issuer_subject_idx")
      .on("user_identities")
      .columns(["issuer", "subject"])
      .unique()
      .execute();
    await db.schema.createIndex("user_identities_user_idx").on("user_identities").column("user_id").execute();

    await db.schema
      .createTable("sso_login_states")
      .addColumn("state_hash", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("code_verifier_sealed", "text", (c) => c.notNull())
      .addColumn("return_to", "text", (c) => c.notNull())
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("started_by", "text", (c) => c.references("users.id").onDelete("cascade"))
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addCheckConstraint("sso_login_states_purpose_check", sql`purpose in ('login', 'test')`)
      .execute();
    await db.schema
      .createIndex("sso_login_states_expires_idx")
      .on("sso_login_states")
      .column("expires_at")
      .execute();
  },
};
