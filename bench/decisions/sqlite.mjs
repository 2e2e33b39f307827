// Writes the generated org into a Gatehouse SQLite database (the app's own migrations and tables,
// through its Kysely handle), so that the benchmarks can time the real rebuild path
// (`loadPolicyData` + `compilePolicy`) and serve the org over HTTP.
import path from "node:path";
import { sql } from "kysely";
import { loadConfig } from "../../dist/config.js";
import { openDatabase } from "../../dist/db/client.js";
import { migrateToLatest } from "../../dist/db/migrate.js";

const CHUNK = 1_000;

async function insertAll(trx, table, rows) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** A fresh database file with the app's schema, opened as the server opens its own (page cache included). */
export async function openFreshDatabase(file) {
  const { database: config } = loadConfig({}, { dataDir: path.dirname(file) });
  const database = openDatabase({ ...config, file });
  await migrateToLatest(database);
  return database;
}

/**
 * Inserts every row of `generated.data` under `orgId` in one transaction. With `createOrg: false`
 * the org exists already (made by the setup flow) and only its access version moves, as any access
 * change does, so a running engine knows to rebuild.
 */
export async function writePolicy(database, generated, { orgId, createOrg }) {
  const { data, emails, seeds, created: at } = generated;
  const stamps = { created_at: at, updated_at: at };
  await database.db.transaction().execute(async (trx) => {
    if (createOrg) {
      await trx
        .insertInto("orgs")
        .values({
          id: orgId,
          name: "Bench",
          plan: "enterprise",
          seat_limit: null,
          default_team_id: null,
          access_version: data.version,
          default_upload_limit_bytes: data.defaultUploadLimitBytes,
          ...stamps,
        })
        .execute();
    } else {
      await trx
        .updateTable("orgs")
        .set({
          access_version: sql`access_version + 1`,
          default_upload_limit_bytes: data.defaultUploadLimitBytes,
        })
        .where("id", "=", orgId)
        .execute();
    }
    const org = { org_id: orgId };
    await insertAll(
      trx,
      "users",
      data.members.map((m, i) => ({
        id: m.userId,
        email: emails[i],
        name: m.name,
        password_hash: null,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "memberships",
      data.members.map((m) => ({
        id: `m-${m.userId}`,
        ...org,
        user_id: m.userId,
        role: m.role,
        department: m.department,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "teams",
      data.teams.map((t) => ({ id: t.id, ...org, name: t.name, name_key: t.name.toLowerCase(), ...stamps })),
    );
    await insertAll(
      trx,
      "team_memberships",
      data.teamMembers.map((t) => ({
        team_id: t.teamId,
        user_id: t.userId,
        ...org,
        role: t.role,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "permission_sets",
      data.permissionSets.map((s) => ({
        id: s.id,
        ...org,
        key: s.key,
        name: s.name,
        description: null,
        kind: "shared",
        rules: JSON.stringify(seeds.get(s.id)),
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "permission_set_assignments",
      data.assignments.map((a) => ({
        set_id: a.setId,
        ...org,
        target_type: a.targetType,
        target_id: a.targetId,
        created_at: at,
      })),
    );
    await insertAll(
      trx,
      "agents",
      data.agents.map((a) => ({
        id: a.id,
        ...org,
        key: a.key,
        name: a.name,
        description: null,
        scope: a.scope,
        owner_user_id: a.ownerId,
        team_id: a.teamId,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "agent_shares",
      data.agentShares.map((s) => ({
        agent_id: s.agentId,
        team_id: s.teamId,
        ...org,
        level: s.level,
        created_at: at,
      })),
    );
    await insertAll(
      trx,
      "context_files",
      data.contextFiles.map((c) => ({
        id: c.id,
        ...org,
        name: c.name,
        description: null,
        scope: c.scope,
        owner_user_id: c.ownerId,
        team_id: c.teamId,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "knowledge_bases",
      data.knowledgeBases.map((k) => ({
        id: k.id,
        ...org,
        key: k.key,
        name: k.name,
        visibility: k.visibility,
        department: k.department,
        team_id: k.teamId,
        owner_user_id: k.ownerId,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "integrations",
      data.integrations.map((i) => ({
        id: i.id,
        ...org,
        key: i.key,
        name: i.name,
        data_scopes: JSON.stringify(i.dataScopes),
        status: i.enabled ? "enabled" : "disabled",
        audience: i.restricted ? "teams" : "org",
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "integration_shares",
      data.integrationShares.map((s) => ({
        integration_id: s.integrationId,
        team_id: s.teamId,
        ...org,
        data_scope: s.dataScope,
        created_at: at,
      })),
    );
    await insertAll(
      trx,
      "models",
      data.models.map((m) => ({
        id: m.id,
        ...org,
        key: m.key,
        name: m.name,
        provider: null,
        status: m.enabled ? "enabled" : "disabled",
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "team_spaces",
      data.teamSpaces.map((s) => ({
        id: s.id,
        ...org,
        key: s.key,
        name: s.name,
        description: null,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "team_space_access",
      data.teamSpaceAccess.map((a) => ({
        team_space_id: a.teamSpaceId,
        team_id: a.teamId,
        ...org,
        level: a.level,
      })),
    );
    await insertAll(
      trx,
      "team_space_resources",
      data.teamSpaceResources.map((r) => ({
        team_space_id: r.teamSpaceId,
        ...org,
        resource_type: r.resourceType,
        resource_id: r.resourceId,
      })),
    );
    await insertAll(
      trx,
      "projects",
      data.projects.map((p) => ({
        id: p.id,
        ...org,
        name: p.name,
        description: null,
        starts_at: p.startsAt,
        ends_at: p.endsAt,
        ended_at: p.endedAt,
        created_by: null,
        ...stamps,
      })),
    );
    await insertAll(
      trx,
      "project_members",
      data.projectMembers.map((m) => ({
        project_id: m.projectId,
        ...org,
        member_type: m.memberType,
        member_ref: m.memberRef,
      })),
    );
    await insertAll(
      trx,
      "project_resources",
      data.projectResources.map((r) => ({
        project_id: r.projectId,
        ...org,
        resource_type: r.resourceType,
        resource_id: r.resourceId,
      })),
    );
  });
}
