import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * SCIM 2.0 provisioning (issue 5): bearer tokens per org, the SCIM view of users and groups (what the
 * identity provider sent, so GET returns it back), group members, the provisioning log, and
 * suspension of a membership (SCIM `active: false`).
 */
export const scim: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .alterTable("memberships")
      .addColumn("status", "text", (c) =>
        c.notNull().defaultTo("active").check(sql`status in ('active', 'suspended')`),
      )
      .execute();

    await db.schema
      .createTable("scim_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("secret_hash", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_used_at", ts)
      // Set on the old token of a rotation with an overlap: it keeps working until then.
      .addColumn("expires_at", ts)
      .addColumn("revoked_at", ts)
      .addUniqueConstraint("scim_tokens_secret_hash_key", ["secret_hash"])
      .execute();
    await db.schema.createIndex("scim_tokens_org_idx").on("scim_tokens").column("org_id").execute();

    await db.schema
      .createTable("scim_users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("external_id", "text")
      .addColumn("user_name", "text", (c) => c.notNull())
      .addColumn("user_name_key", "text", (c) => c.notNull())
      .addColumn("attributes", "text", (c) => c.notNull())
      .addColumn("active", "integer", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("scim_users_org_user_name_key", ["org_id", "user_name_key"])
      .addUniqueConstraint("scim_users_org_user_key", ["org_id", "user_id"])
      .execute();
    await db.schema
      .createIndex("scim_users_external_idx")
      .on("scim_users")
      .columns(["org_id", "external_id"])
      .execute();

    await db.schema
      .createTable("scim_groups")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("display_name_key", "text", (c) => c.notNull())
      .addColumn("external_id", "text")
      .addColumn("attributes", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("scim_groups_org_name_key", ["org_id", "display_name_key"])
      .execute();

    await db.schema
      .createTable("scim_group_members")
      .addColumn("group_id", "text", (c) => c.notNull().references("scim_groups.id").onDelete("cascade"))
      .addColumn("scim_user_id", "text", (c) => c.notNull().references("scim_users.id").onDelete("cascade"))
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("scim_group_members_pk", ["group_id", "scim_user_id"])
      .execute();
    await db.schema
      .createIndex("scim_group_members_user_idx")
      .on("scim_group_members")
      .column("scim_user_id")
      .execute();

    await db.schema
      .createTable("scim_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("token_prefix", "text")
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("scim_type", "text")
      .addColumn("detail", "text")
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("scim_requests_org_idx")
      .on("scim_requests")
      .columns(["org_id", "id"])
      .execute();
    await db.schema
      .createIndex("scim_requests_created_idx")
      .on("scim_requests")
      .column("created_at")
      .execute();
  },
};
