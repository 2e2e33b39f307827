import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * The access model (issue 3): permission sets and their assignments, the governed resources (agents,
 * context files, knowledge bases, integrations, models, team spaces), sharing, projects, agent-creation
 * requests and API keys. Every row carries its org_id so that the decision engine loads an org in a
 * few indexed scans.
 */
export const accessModel: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;
    const org = (c: ColumnDefinitionBuilder) => c.notNull().references("orgs.id").onDelete("cascade");

    await db.schema.alterTable("orgs").addColumn("default_upload_limit_bytes", "bigint").execute();

    await db.schema
      .createTable("permission_sets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      // "shared" sets are assigned to departments, teams or people; a "personal" set holds one
      // person's own adjustments (mass permission updates write there).
      .addColumn("kind", "text", (c) => c.notNull())
      // The seed's JSON for one set: {"ai_models": [...], "agent_creation": "admin_approval", ...}
      .addColumn("rules", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("permission_sets_org_key_key", ["org_id", "key"])
      .addCheckConstraint("permission_sets_kind_check", sql`kind in ('shared', 'personal')`)
      .execute();

    await db.schema
      .createTable("permission_set_assignments")
      .addColumn("set_id", "text", (c) => c.notNull().references("permission_sets.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("target_type", "text", (c) => c.notNull())
      // A department key, a team id or a user id.
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("permission_set_assignments_pkey", ["set_id", "target_type", "target_id"])
      .addCheckConstraint(
        "permission_set_assignments_target_check",
        sql`target_type in ('department', 'team', 'user')`,
      )
      .execute();
    await db.schema
      .createIndex("permission_set_assignments_org_idx")
      .on("permission_set_assignments")
      .columns(["org_id", "target_type", "target_id"])
      .execute();

    await db.schema
      .createTable("agents")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("team_id", "text", (c) => c.references("teams.id"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("agents_org_key_key", ["org_id", "key"])
      .addCheckConstraint("agents_scope_check", sql`scope in ('personal', 'team', 'org')`)
      .execute();

    await db.schema
      .createTable("agent_shares")
      .addColumn("agent_id", "text", (c) => c.notNull().references("agents.id").onDelete("cascade"))
      .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("agent_shares_pkey", ["agent_id", "team_id"])
      .addCheckConstraint("agent_shares_level_check", sql`level in ('full', 'run_only', 'view_only')`)
      .execute();

    await db.schema
      .createTable("context_files")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("team_id", "text", (c) => c.references("teams.id"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint("context_files_scope_check", sql`scope in ('personal', 'team', 'org')`)
      .execute();

    await db.schema
      .createTable("knowledge_bases")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("department", "text")
      .addColumn("team_id", "text", (c) => c.references("teams.id"))
      .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("knowledge_bases_org_key_key", ["org_id", "key"])
      .addCheckConstraint(
        "knowledge_bases_visibility_check",
        sql`visibility in ('public', 'department', 'team', 'personal')`,
      )
      .execute();

    await db.schema
      .createTable("integrations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      // JSON list of the integration's named data scopes besides full_access, e.g. ["read_leads"].
      .addColumn("data_scopes", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      // "org": every member may use it; "teams": only the teams it is shared with. Sharing it switches
      // it to "teams", and removing the last share does not switch it back (that would widen access).
      .addColumn("audience", "text", (c) => c.notNull().defaultTo("org"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("integrations_org_key_key", ["org_id", "key"])
      .addCheckConstraint("integrations_audience_check", sql`audience in ('org', 'teams')`)
      .addCheckConstraint("integrations_status_check", sql`status in ('enabled', 'disabled')`)
      .execute();

    await db.schema
      .createTable("integration_shares")
      .addColumn("integration_id", "text", (c) =>
        c.notNull().references("integrations.id").onDelete("cascade"),
      )
      .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("data_scope", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("integration_shares_pkey", ["integration_id", "team_id"])
      .execute();

    await db.schema
      .createTable("models")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("provider", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("models_org_key_key", ["org_id", "key"])
      .addCheckConstraint("models_status_check", sql`status in ('enabled', 'disabled')`)
      .execute();

    await db.schema
      .createTable("team_spaces")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("team_spaces_org_key_key", ["org_id", "key"])
      .execute();

    await db.schema
      .createTable("team_space_access")
      .addColumn("team_space_id", "text", (c) => c.notNull().references("team_spaces.id").onDelete("cascade"))
      .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("level", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("team_space_access_pkey", ["team_space_id", "team_id"])
      .addCheckConstraint("team_space_access_level_check", sql`level in ('full', 'view', 'none')`)
      .execute();

    await db.schema
      .createTable("team_space_resources")
      .addColumn("team_space_id", "text", (c) => c.notNull().references("team_spaces.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("resource_type", "text", (c) => c.notNull())
      // A Gatehouse id (agent, integration, knowledge base) or the AI product's own file or conversation id.
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("team_space_resources_pkey", ["team_space_id", "resource_type", "resource_id"])
      .addCheckConstraint(
        "team_space_resources_type_check",
        sql`resource_type in ('agent', 'integration', 'knowledge_base', 'file', 'conversation')`,
      )
      .execute();

    await db.schema
      .createTable("projects")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("starts_at", ts, (c) => c.notNull())
      .addColumn("ends_at", ts, (c) => c.notNull())
      // Set when an admin ends the project early.
      .addColumn("ended_at", ts)
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("project_members")
      .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("member_type", "text", (c) => c.notNull())
      // A user id, a team id or a department key.
      .addColumn("member_ref", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("project_members_pkey", ["project_id", "member_type", "member_ref"])
      .addCheckConstraint("project_members_type_check", sql`member_type in ('user', 'team', 'department')`)
      .execute();

    await db.schema
      .createTable("project_resources")
      .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
      .addColumn("org_id", "text", org)
      .addColumn("resource_type", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("project_resources_pkey", ["project_id", "resource_type", "resource_id"])
      .addCheckConstraint(
        "project_resources_type_check",
        sql`resource_type in ('agent', 'integration', 'knowledge_base', 'file')`,
      )
      .execute();

    await db.schema
      .createTable("agent_creation_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("requester_user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("agent_key", "text", (c) => c.notNull())
      .addColumn("agent_name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("decided_at", ts)
      .addColumn("decision_note", "text")
      .addColumn("agent_id", "text", (c) => c.references("agents.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint(
        "agent_creation_requests_status_check",
        sql`status in ('pending', 'approved', 'denied')`,
      )
      .execute();
    await db.schema
      .createIndex("agent_creation_requests_org_idx")
      .on("agent_creation_requests")
      .columns(["org_id", "status", "id"])
      .execute();

    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", org)
      .addColumn("kind", "text", (c) => c.notNull())
      // The owner of a personal key; the team of a team key.
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("cascade"))
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("name", "text", (c) => c.notNull())
      // The first characters of the key, shown in lists so people can tell keys apart.
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("secret_hash", "text", (c) => c.notNull())
      // JSON list of the actions the key may be used for; null: whatever its holder may do.
      .addColumn("scopes", "text")
      .addColumn("expires_at", ts)
      .addColumn("last_used_at", ts)
      .addColumn("revoked_at", ts)
      .addColumn("revoked_reason", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addUniqueConstraint("api_keys_secret_hash_key", ["secret_hash"])
      .addCheckConstraint("api_keys_kind_check", sql`kind in ('personal', 'team')`)
      .execute();
    await db.schema
      .createIndex("api_keys_org_idx")
      .on("api_keys")
      .columns(["org_id", "revoked_at"])
      .execute();

    for (const table of [
      "agents",
      "agent_shares",
      "context_files",
      "knowledge_bases",
      "integrations",
      "integration_shares",
      "models",
      "team_spaces",
      "team_space_access",
      "team_space_resources",
      "projects",
      "project_members",
      "project_resources",
    ]) {
      await db.schema.createIndex(`${table}_org_idx`).on(table).column("org_id").execute();
    }
  },
};
