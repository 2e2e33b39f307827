import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Directory groups (issue 5): the org's group -> role / team / department mapping, shared by SSO and
 * SCIM, and the groups each member was last seen in, per source, so that a mapping change can be
 * previewed and re-applied without waiting for the directory.
 */
export const directoryGroups: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable("group_mappings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("group_name", "text", (c) => c.notNull())
      .addColumn("group_key", "text", (c) => c.notNull())
      .addColumn("role", "text")
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("cascade"))
      .addColumn("team_role", "text")
      .addColumn("department", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addCheckConstraint(
        "group_mappings_role_check",
        sql`role is null or role in ('viewer', 'member', 'admin')`,
      )
      .addCheckConstraint(
        "group_mappings_team_role_check",
        sql`team_role is null or (team_id is not null and team_role in ('member', 'admin', 'owner'))`,
      )
      .execute();
    await db.schema
      .createIndex("group_mappings_org_idx")
      .on("group_mappings")
      .columns(["org_id", "position"])
      .unique()
      .execute();

    await db.schema
      .createTable("member_directory_groups")
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("group_key", "text", (c) => c.notNull())
      .addColumn("group_name", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("member_directory_groups_pk", ["org_id", "user_id", "source", "group_key"])
      .addCheckConstraint("member_directory_groups_source_check", sql`source in ('sso', 'scim')`)
      .execute();
  },
};
