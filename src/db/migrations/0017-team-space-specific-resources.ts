import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Issue 3, the mixus seed's team space "Access Control": "Related teams: Specific resource access". A
 * team's access to a space reaches either the whole space (`reach = 'space'`, as every row before this
 * migration) or only the space's resources listed for it (`reach = 'resources'`), at the row's level.
 * A listed resource leaves the list when it leaves the space (or is deleted): the foreign key to
 * team_space_resources cascades. A team left with an empty list reaches nothing; it never falls back to
 * the whole space.
 */
export const teamSpaceSpecificResources: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("team_space_access")
      .addColumn("reach", "text", (c) =>
        c.notNull().defaultTo("space").check(sql`reach in ('space', 'resources')`),
      )
      .execute();
    await db.schema
      .createTable("team_space_access_resources")
      .addColumn("team_space_id", "text", (c) => c.notNull())
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("resource_type", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("team_space_access_resources_pkey", [
        "team_space_id",
        "team_id",
        "resource_type",
        "resource_id",
      ])
      .addForeignKeyConstraint(
        "team_space_access_resources_access_fkey",
        ["team_space_id", "team_id"],
        "team_space_access",
        ["team_space_id", "team_id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addForeignKeyConstraint(
        "team_space_access_resources_resource_fkey",
        ["team_space_id", "resource_type", "resource_id"],
        "team_space_resources",
        ["team_space_id", "resource_type", "resource_id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();
    await db.schema
      .createIndex("team_space_access_resources_org_idx")
      .on("team_space_access_resources")
      .column("org_id")
      .execute();
    // The foreign key to team_space_resources is checked on its deletes: by the space and resource.
    await db.schema
      .createIndex("team_space_access_resources_resource_idx")
      .on("team_space_access_resources")
      .columns(["team_space_id", "resource_type", "resource_id"])
      .execute();
  },
};
