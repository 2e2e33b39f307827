import { rulesFromSeed } from "../../domain/access/permission-sets.js";
import type { PolicyData } from "../../domain/access/policy-data.js";
import type { Executor } from "../client.js";

/**
 * Everything the decision engine needs about one org, read table by table. The version is read first:
 * every later read sees at least that state, so a policy is never older than the version it is filed
 * under (it may be newer, which only costs one more rebuild when the next change is announced).
 * Returns null when the org does not exist.
 */
export async function loadPolicyData(db: Executor, orgId: string): Promise<PolicyData | null> {
  const org = await db
    .selectFrom("orgs")
    .select(["id", "access_version", "default_upload_limit_bytes"])
    .where("id", "=", orgId)
    .executeTakeFirst();
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
    teamSpaceResources,
    projects,
    projectMembers,
    projectResources,
    apiKeys,
  ] = await Promise.all([
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.user_id", "u.name", "m.role", "m.department"])
      .where("m.org_id", "=", orgId)
      // Suspended members (SCIM active: false) are left out of the policy: they may do nothing.
      .where("m.status", "=", "active")
      .execute(),
    db.selectFrom("teams").select(["id", "name"]).where("org_id", "=", orgId).execute(),
    db
      .selectFrom("team_memberships as tm")
      .innerJoin("memberships as m", (j) =>
        j.onRef("m.org_id", "=", "tm.org_id").onRef("m.user_id", "=", "tm.user_id"),
      )
      .select(["tm.team_id", "tm.user_id", "tm.role"])
      .where("tm.org_id", "=", orgId)
      .where("m.status", "=", "active")
      .execute(),
    db
      .selectFrom("permission_sets")
      .select(["id", "key", "name", "rules"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("permission_set_assignments")
      .select(["set_id", "target_type", "target_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("agents")
      .select(["id", "key", "name", "scope", "owner_user_id", "team_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("agent_shares")
      .select(["agent_id", "team_id", "level"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("context_files")
      .select(["id", "name", "scope", "owner_user_id", "team_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("knowledge_bases")
      .select(["id", "key", "name", "visibility", "department", "team_id", "owner_user_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("integrations")
      .select(["id", "key", "name", "status", "audience", "data_scopes"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("integration_shares")
      .select(["integration_id", "team_id", "data_scope"])
      .where("org_id", "=", orgId)
      .execute(),
    db.selectFrom("models").select(["id", "key", "name", "status"]).where("org_id", "=", orgId).execute(),
    db.selectFrom("team_spaces").select(["id", "key", "name"]).where("org_id", "=", orgId).execute(),
    db
      .selectFrom("team_space_access")
      .select(["team_space_id", "team_id", "level"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("team_space_resources")
      .select(["team_space_id", "resource_type", "resource_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("projects")
      .select(["id", "name", "starts_at", "ends_at", "ended_at"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("project_members")
      .select(["project_id", "member_type", "member_ref"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("project_resources")
      .select(["project_id", "resource_type", "resource_id"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("api_keys")
      .select(["id", "kind", "user_id", "team_id", "scopes", "expires_at", "secret_hash"])
      .where("org_id", "=", orgId)
      .where("revoked_at", "is", null)
      .execute(),
  ]);

  return {
    orgId,
    version: Number(org.access_version),
    defaultUploadLimitBytes:
      org.default_upload_limit_bytes === null ? null : Number(org.default_upload_limit_bytes),
    members: members.map((m) => ({
      userId: m.user_id,
      name: m.name,
      role: m.role,
      department: m.department,
    })),
    teams,
    teamMembers: teamMembers.map((t) => ({ teamId: t.team_id, userId: t.user_id, role: t.role })),
    permissionSets: sets.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      rules: rulesFromSeed(JSON.parse(s.rules), s.key),
    })),
    assignments: assignments.map((a) => ({
      setId: a.set_id,
      targetType: a.target_type,
      targetId: a.target_id,
    })),
    agents: agents.map((a) => ({
      id: a.id,
      key: a.key,
      name: a.name,
      scope: a.scope,
      ownerId: a.owner_user_id,
      teamId: a.team_id,
    })),
    agentShares: agentShares.map((s) => ({ agentId: s.agent_id, teamId: s.team_id, level: s.level })),
    contextFiles: contextFiles.map((c) => ({
      id: c.id,
      name: c.name,
      scope: c.scope,
      ownerId: c.owner_user_id,
      teamId: c.team_id,
    })),
    knowledgeBases: knowledgeBases.map((k) => ({
      id: k.id,
      key: k.key,
      name: k.name,
      visibility: k.visibility,
      department: k.department,
      teamId: k.team_id,
      ownerId: k.owner_user_id,
    })),
    integrations: integrations.map((i) => ({
      id: i.id,
      key: i.key,
      name: i.name,
      enabled: i.status === "enabled",
      restricted: i.audience === "teams",
      dataScopes: JSON.parse(i.data_scopes) as string[],
    })),
    integrationShares: integrationShares.map((s) => ({
      integrationId: s.integration_id,
      teamId: s.team_id,
      dataScope: s.data_scope,
    })),
    models: models.map((m) => ({ id: m.id, key: m.key, name: m.name, enabled: m.status === "enabled" })),
    teamSpaces,
    teamSpaceAccess: teamSpaceAccess.map((a) => ({
      teamSpaceId: a.team_space_id,
      teamId: a.team_id,
      level: a.level,
    })),
    teamSpaceResources: teamSpaceResources.map((r) => ({
      teamSpaceId: r.team_space_id,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      startsAt: p.starts_at,
      endsAt: p.ends_at,
      endedAt: p.ended_at,
    })),
    projectMembers: projectMembers.map((m) => ({
      projectId: m.project_id,
      memberType: m.member_type,
      memberRef: m.member_ref,
    })),
    projectResources: projectResources.map((r) => ({
      projectId: r.project_id,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
    })),
    apiKeys: apiKeys.map((k) => ({
      id: k.id,
      kind: k.kind,
      userId: k.user_id,
      teamId: k.team_id,
      scopes: k.scopes === null ? null : (JSON.parse(k.scopes) as string[]),
      expiresAt: k.expires_at,
      secretHash: k.secret_hash,
    })),
  };
}
