import { rulesFromSeed } from "../../domain/access/permission-sets.js";
import type { PolicyData } from "../../domain/access/policy-data.js";
import type { Executor } from "../client.js";
import { preparedQuery } from "../prepared-query.js";

/*
 * The loader's reads, each compiled once (see preparedQuery): the SQL is built once per dialect, runs
 * as a named statement on PostgreSQL and reads its rows as arrays on SQLite. Columns are named as
 * PolicyData names them, so most rows are used as they come, without a second object per row: a large
 * org is some 40,000 rows, and the next check waits for them after every access change.
 *
 * The smaller tables are read in id order (ids sort by creation), so that the lists made from them (a
 * team's permission sets, a resource's projects, the teams themselves) come in the same order on every
 * build and on both databases; where grants tie, the engine names the first. The large ones (members,
 * team memberships, agents, shares) come unordered: sorting them would cost PostgreSQL more than
 * reading them, and compilePolicy puts each person's teams in the teams' order itself. Being
 * unordered, they are bulk reads: SQLite hands each over as one JSON text (see bulkStatement).
 */
const BULK = { bulk: true };
const selectOrg = preparedQuery((db: Executor, orgId: string) =>
  db.selectFrom("orgs").select(["access_version", "default_upload_limit_bytes"]).where("id", "=", orgId),
);
// Suspended members (SCIM active: false) are left out of the policy: they may do nothing.
const selectMembers = preparedQuery(
  (db: Executor, orgId: string) =>
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.user_id as userId", "u.name", "m.role", "m.department"])
      .where("m.org_id", "=", orgId)
      .where("m.status", "=", "active"),
  BULK,
);
const selectTeams = preparedQuery((db: Executor, orgId: string) =>
  db.selectFrom("teams").select(["id", "name"]).where("org_id", "=", orgId).orderBy("id"),
);
// Suspended members' team memberships are dropped by the loader (below) rather than by a join: read
// alone, the rows come from the covering index (0016) without a second lookup each.
const selectTeamMembers = preparedQuery(
  (db: Executor, orgId: string) =>
    db
      .selectFrom("team_memberships")
      .select(["team_id as teamId", "user_id as userId", "role"])
      .where("org_id", "=", orgId),
  BULK,
);
const selectPermissionSets = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("permission_sets")
    .select(["id", "key", "name", "rules"])
    .where("org_id", "=", orgId)
    .orderBy("id"),
);
const selectAssignments = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("permission_set_assignments")
    .select(["set_id as setId", "target_type as targetType", "target_id as targetId"])
    .where("org_id", "=", orgId)
    .orderBy("set_id")
    .orderBy("target_type")
    .orderBy("target_id"),
);
const selectAgents = preparedQuery(
  (db: Executor, orgId: string) =>
    db
      .selectFrom("agents")
      .select(["id", "key", "name", "scope", "owner_user_id as ownerId", "team_id as teamId"])
      .where("org_id", "=", orgId),
  BULK,
);
const selectAgentShares = preparedQuery(
  (db: Executor, orgId: string) =>
    db
      .selectFrom("agent_shares")
      .select(["agent_id as agentId", "team_id as teamId", "level"])
      .where("org_id", "=", orgId),
  BULK,
);
const selectContextFiles = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("context_files")
    .select(["id", "name", "scope", "owner_user_id as ownerId", "team_id as teamId"])
    .where("org_id", "=", orgId)
    .orderBy("id"),
);
const selectKnowledgeBases = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("knowledge_bases")
    .select([
      "id",
      "key",
      "name",
      "visibility",
      "department",
      "team_id as teamId",
      "owner_user_id as ownerId",
    ])
    .where("org_id", "=", orgId)
    .orderBy("id"),
);
const selectIntegrations = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("integrations")
    .select(["id", "key", "name", "status", "audience", "data_scopes"])
    .where("org_id", "=", orgId)
    .orderBy("id"),
);
const selectIntegrationShares = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("integration_shares")
    .select(["integration_id as integrationId", "team_id as teamId", "data_scope as dataScope"])
    .where("org_id", "=", orgId)
    .orderBy("integration_id")
    .orderBy("team_id")
    .orderBy("data_scope"),
);
const selectModels = preparedQuery((db: Executor, orgId: string) =>
  db.selectFrom("models").select(["id", "key", "name", "status"]).where("org_id", "=", orgId).orderBy("id"),
);
const selectTeamSpaces = preparedQuery((db: Executor, orgId: string) =>
  db.selectFrom("team_spaces").select(["id", "key", "name"]).where("org_id", "=", orgId).orderBy("id"),
);
const selectTeamSpaceAccess = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("team_space_access")
    .select(["team_space_id as teamSpaceId", "team_id as teamId", "level", "reach"])
    .where("org_id", "=", orgId)
    .orderBy("team_space_id")
    .orderBy("team_id"),
);
const selectTeamSpaceAccessResources = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("team_space_access_resources")
    .select([
      "team_space_id as teamSpaceId",
      "team_id as teamId",
      "resource_type as resourceType",
      "resource_id as resourceId",
    ])
    .where("org_id", "=", orgId)
    .orderBy("team_space_id")
    .orderBy("team_id")
    .orderBy("resource_type")
    .orderBy("resource_id"),
);
const selectTeamSpaceResources = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("team_space_resources")
    .select(["team_space_id as teamSpaceId", "resource_type as resourceType", "resource_id as resourceId"])
    .where("org_id", "=", orgId)
    .orderBy("team_space_id")
    .orderBy("resource_type")
    .orderBy("resource_id"),
);
const selectProjects = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("projects")
    .select(["id", "name", "starts_at as startsAt", "ends_at as endsAt", "ended_at as endedAt"])
    .where("org_id", "=", orgId)
    .orderBy("id"),
);
const selectProjectMembers = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("project_members")
    .select(["project_id as projectId", "member_type as memberType", "member_ref as memberRef"])
    .where("org_id", "=", orgId)
    .orderBy("project_id")
    .orderBy("member_type")
    .orderBy("member_ref"),
);
const selectProjectResources = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("project_resources")
    .select(["project_id as projectId", "resource_type as resourceType", "resource_id as resourceId"])
    .where("org_id", "=", orgId)
    .orderBy("project_id")
    .orderBy("resource_type")
    .orderBy("resource_id"),
);
const selectApiKeys = preparedQuery((db: Executor, orgId: string) =>
  db
    .selectFrom("api_keys")
    .select([
      "id",
      "kind",
      "user_id as userId",
      "team_id as teamId",
      "scopes",
      "expires_at as expiresAt",
      "secret_hash as secretHash",
    ])
    .where("org_id", "=", orgId)
    .where("revoked_at", "is", null)
    .orderBy("id"),
);

/**
 * Everything the decision engine needs about one org, read table by table. The version is read first:
 * every later read sees at least that state, so a policy is never older than the version it is filed
 * under (it may be newer, which only costs one more rebuild when the next change is announced).
 * Returns null when the org does not exist.
 */
export async function loadPolicyData(db: Executor, orgId: string): Promise<PolicyData | null> {
  const [org] = await selectOrg(db, orgId);
  if (!org) return null;

  const [
    members,
    teams,
    teamMembers,
    sets,
    assignments,
    agents,
    agentShares,
    contextFiles,
    knowledgeBases,
    integrations,
    integrationShares,
    models,
    teamSpaces,
    teamSpaceAccess,
    teamSpaceAccessResources,
    teamSpaceResources,
    projects,
    projectMembers,
    projectResources,
    apiKeys,
  ] = await Promise.all([
    selectMembers(db, orgId),
    selectTeams(db, orgId),
    selectTeamMembers(db, orgId),
    selectPermissionSets(db, orgId),
    selectAssignments(db, orgId),
    selectAgents(db, orgId),
    selectAgentShares(db, orgId),
    selectContextFiles(db, orgId),
    selectKnowledgeBases(db, orgId),
    selectIntegrations(db, orgId),
    selectIntegrationShares(db, orgId),
    selectModels(db, orgId),
    selectTeamSpaces(db, orgId),
    selectTeamSpaceAccess(db, orgId),
    selectTeamSpaceAccessResources(db, orgId),
    selectTeamSpaceResources(db, orgId),
    selectProjects(db, orgId),
    selectProjectMembers(db, orgId),
    selectProjectResources(db, orgId),
    selectApiKeys(db, orgId),
  ]);

  const active = new Set(members.map((m) => m.userId));
  return {
    orgId,
    version: Number(org.access_version),
    defaultUploadLimitBytes:
      org.default_upload_limit_bytes === null ? null : Number(org.default_upload_limit_bytes),
    members,
    teams,
    teamMembers: teamMembers.filter((t) => active.has(t.userId)),
    permissionSets: sets.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      rules: rulesFromSeed(JSON.parse(s.rules), s.key),
    })),
    assignments,
    agents,
    agentShares,
    contextFiles,
    knowledgeBases,
    integrations: integrations.map((i) => ({
      id: i.id,
      key: i.key,
      name: i.name,
      enabled: i.status === "enabled",
      restricted: i.audience === "teams",
      dataScopes: JSON.parse(i.data_scopes) as string[],
    })),
    integrationShares,
    models: models.map((m) => ({ id: m.id, key: m.key, name: m.name, enabled: m.status === "enabled" })),
    teamSpaces,
    teamSpaceAccess,
    teamSpaceAccessResources,
    teamSpaceResources,
    projects,
    projectMembers,
    projectResources,
    apiKeys: apiKeys.map((k) => ({
      ...k,
      scopes: k.scopes === null ? null : (JSON.parse(k.scopes) as string[]),
    })),
  };
}
