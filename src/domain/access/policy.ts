import { compilePeople } from "./compile-people.js";
import { IdMemo } from "./id-memo.js";
import { push } from "./maps.js";
import type { PeopleIndex } from "./people-index.js";
import { combineRules, type EffectiveRules, type PermissionSetRules } from "./permission-sets.js";
import {
  departmentKey,
  type PolicyData,
  type ShareLevel,
  type SpaceLevel,
  spaceResourceRef,
} from "./policy-data.js";
import type {
  ApiKeyEntry,
  DecisionCaller,
  ExternalKind,
  Policy,
  Principal,
  ProjectEntry,
  TeamGrant,
} from "./policy-types.js";

export type {
  AgentAnswers,
  AgentEntry,
  ApiKeyEntry,
  ContextFileEntry,
  DecisionMemo,
  ExternalKind,
  HeldGrant,
  IntegrationEntry,
  KnowledgeBaseEntry,
  MemoRow,
  ModelEntry,
  Policy,
  Principal,
  ProjectEntry,
  SetSource,
  TeamGrant,
  TeamSpaceEntry,
} from "./policy-types.js";

const LEVEL_RANK: Record<ShareLevel, number> = { view_only: 0, run_only: 1, full: 2 };

export function strongerGrant(a: TeamGrant | undefined, b: TeamGrant): TeamGrant {
  return a === undefined || LEVEL_RANK[b.level] > LEVEL_RANK[a.level] ? b : a;
}

export function levelAtLeast(level: ShareLevel, needed: ShareLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[needed];
}

/** A team space's level turned into what it grants on the agents inside it. */
function spaceLevelToShare(level: SpaceLevel): ShareLevel | null {
  return level === "full" ? "run_only" : level === "view" ? "view_only" : null;
}

/**
 * An org's policy data (what loadPolicyData reads) compiled for checks: its teams, sets and projects,
 * its people (compile-people.ts), then each resource with the grants that reach it (shares, team
 * spaces, projects). A compiled policy never changes; an access change compiles a new one.
 */
export function compilePolicy(data: PolicyData): Policy {
  const teams: Policy["teams"] = new Map(
    data.teams.map((t) => [t.id, { id: t.id, name: t.name, setIds: [], projectIds: [] }]),
  );
  const sets: Policy["sets"] = new Map(data.permissionSets.map((s) => [s.id, s]));

  const projects: Policy["projects"] = new Map(
    data.projects.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        startsAtMs: Date.parse(p.startsAt),
        endsAtMs: Date.parse(p.endsAt),
        endedAtMs: p.endedAt === null ? null : Date.parse(p.endedAt),
        members: {
          userIds: new Set<string>(),
          personIndexes: new Set<number>(),
          teamIds: [],
          departments: [],
        },
      },
    ]),
  );
  const people = compilePeople(data, teams, sets, projects);

  const agents: Policy["agents"] = new Map();
  for (const a of data.agents) {
    const teamGrants = new Map<string, TeamGrant>();
    if (a.scope === "team" && a.teamId) teamGrants.set(a.teamId, { level: "run_only", via: "team" });
    agents.set(a.id, {
      id: a.id,
      key: a.key,
      name: a.name,
      scope: a.scope,
      ownerId: a.ownerId,
      ownerIndex: a.ownerId === null ? -1 : people.indexOf(a.ownerId),
      teamId: a.teamId,
      teamGrants,
      projectIds: [],
      answers: undefined,
    });
  }
  for (const s of data.agentShares) {
    const agent = agents.get(s.agentId);
    if (agent)
      agent.teamGrants.set(
        s.teamId,
        strongerGrant(agent.teamGrants.get(s.teamId), { level: s.level, via: "share" }),
      );
  }

  const contextFiles: Policy["contextFiles"] = new Map(
    data.contextFiles.map((c) => [
      c.id,
      { id: c.id, name: c.name, scope: c.scope, ownerId: c.ownerId, teamId: c.teamId },
    ]),
  );
  const knowledgeBases: Policy["knowledgeBases"] = new Map(
    data.knowledgeBases.map((k) => [
      k.id,
      {
        id: k.id,
        key: k.key,
        name: k.name,
        visibility: k.visibility,
        department: k.department === null ? null : departmentKey(k.department),
        teamId: k.teamId,
        ownerId: k.ownerId,
        spaceGrants: new Map(),
        projectIds: [],
      },
    ]),
  );
  const integrations: Policy["integrations"] = new Map(
    data.integrations.map((i) => [
      i.id,
      {
        id: i.id,
        key: i.key,
        name: i.name,
        enabled: i.enabled,
        restricted: i.restricted,
        dataScopes: i.dataScopes,
        shares: new Map(),
        spaceGrants: new Map(),
        projectIds: [],
      },
    ]),
  );
  for (const s of data.integrationShares)
    integrations.get(s.integrationId)?.shares.set(s.teamId, s.dataScope);
  const models: Policy["models"] = new Map(
    data.models.map((m) => [m.id, { id: m.id, key: m.key, name: m.name, enabled: m.enabled }]),
  );

  const teamSpaces: Policy["teamSpaces"] = new Map(
    data.teamSpaces.map((s) => [
      s.id,
      { id: s.id, key: s.key, name: s.name, access: new Map(), listed: new Map() },
    ]),
  );
  const listedOf = new Map<string, Set<string>>();
  for (const r of data.teamSpaceAccessResources) {
    const key = `${r.teamSpaceId}/${r.teamId}`;
    const resources = listedOf.get(key) ?? new Set<string>();
    resources.add(spaceResourceRef(r.resourceType, r.resourceId));
    listedOf.set(key, resources);
  }
  for (const a of data.teamSpaceAccess) {
    const space = teamSpaces.get(a.teamSpaceId);
    if (a.reach !== "resources") space?.access.set(a.teamId, a.level);
    else
      space?.listed.set(a.teamId, {
        level: a.level,
        resources: listedOf.get(`${a.teamSpaceId}/${a.teamId}`) ?? new Set(),
      });
  }
  const externalInSpaces = new Map<string, string[]>();
  const externalKinds = new Map<string, ExternalKind>();
  for (const r of data.teamSpaceResources) {
    const space = teamSpaces.get(r.teamSpaceId);
    if (!space) continue;
    const ref = spaceResourceRef(r.resourceType, r.resourceId);
    const reaching: [string, SpaceLevel][] = [...space.access];
    for (const [teamId, listed] of space.listed)
      if (listed.resources.has(ref)) reaching.push([teamId, listed.level]);
    for (const [teamId, level] of reaching) {
      if (level === "none") continue;
      if (r.resourceType === "agent") {
        const agent = agents.get(r.resourceId);
        const share = spaceLevelToShare(level);
        if (agent && share)
          agent.teamGrants.set(
            teamId,
            strongerGrant(agent.teamGrants.get(teamId), {
              level: share,
              via: "team_space",
              spaceId: space.id,
            }),
          );
      } else if (r.resourceType === "knowledge_base") {
        const kb = knowledgeBases.get(r.resourceId);
        const current = kb?.spaceGrants.get(teamId);
        if (kb && (!current || (current.level === "view" && level === "full")))
          kb.spaceGrants.set(teamId, { level, spaceId: space.id });
      } else if (r.resourceType === "integration") {
        const integration = integrations.get(r.resourceId);
        const current = integration?.spaceGrants.get(teamId);
        if (integration && (!current || (current.level === "view" && level === "full")))
          integration.spaceGrants.set(teamId, { level, spaceId: space.id });
      }
    }
    if (r.resourceType === "file" || r.resourceType === "conversation") {
      push(externalInSpaces, r.resourceId, space.id);
      if (!externalKinds.has(r.resourceId)) externalKinds.set(r.resourceId, r.resourceType);
    }
  }

  const filesInProjects = new Map<string, string[]>();
  for (const r of data.projectResources) {
    const project = projects.get(r.projectId);
    if (!project) continue;
    if (r.resourceType === "agent") agents.get(r.resourceId)?.projectIds.push(project.id);
    else if (r.resourceType === "integration") integrations.get(r.resourceId)?.projectIds.push(project.id);
    else if (r.resourceType === "knowledge_base")
      knowledgeBases.get(r.resourceId)?.projectIds.push(project.id);
    else {
      push(filesInProjects, r.resourceId, project.id);
      if (!externalKinds.has(r.resourceId)) externalKinds.set(r.resourceId, "file");
    }
  }

  const byKey = <E extends { key: string }>(map: Map<string, E>) =>
    new Map([...map.values()].map((e) => [e.key, e]));
  return {
    orgId: data.orgId,
    version: data.version,
    defaultUploadLimitBytes: data.defaultUploadLimitBytes,
    people,
    teams,
    sets,
    agents,
    agentsByKey: byKey(agents),
    contextFiles,
    knowledgeBases,
    knowledgeBasesByKey: byKey(knowledgeBases),
    integrations,
    integrationsByKey: byKey(integrations),
    models,
    modelsByKey: byKey(models),
    teamSpaces,
    teamSpacesByKey: byKey(teamSpaces),
    projects,
    externalInSpaces,
    filesInProjects,
    externalKinds,
    apiKeysByHash: new Map(data.apiKeys.map((k) => [k.secretHash, apiKeyEntry(k, people)])),
    teamPrincipals: new Map(),
    memo: emptyMemo(),
  };
}

export function emptyMemo(): Policy["memo"] {
  return {
    size: 0,
    users: new Map(),
    teams: new Map(),
    byIds: new IdMemo(),
    fromMs: Number.NEGATIVE_INFINITY,
    validUntilMs: Number.NEGATIVE_INFINITY,
    looked: 0,
    hits: 0,
    skipped: 0,
    bypass: false,
  };
}

/** The effective permission-set rules of a principal, combined once per policy. */
export function rulesOf(policy: Policy, principal: Principal): EffectiveRules {
  if (principal.rules === undefined) {
    const applicable: { id: string; rules: PermissionSetRules }[] = [];
    for (const { id } of principal.sets) {
      const set = policy.sets.get(id);
      if (set) applicable.push(set);
    }
    principal.rules = combineRules(applicable);
  }
  return principal.rules;
}

/** A team acting through one of its team API keys: a plain member of that one team. */
export function teamPrincipal(policy: Policy, teamId: string): Principal | undefined {
  let principal = policy.teamPrincipals.get(teamId);
  if (principal) return principal;
  const team = policy.teams.get(teamId);
  if (!team) return undefined;
  // The team's own id, not the caller's string (kept for the life of the policy; see requireAction).
  const id = team.id;
  principal = {
    userId: null,
    personIndex: -1,
    name: team.name,
    role: "member",
    department: null,
    teamRoles: new Map([[id, "member"]]),
    sets: team.setIds.map((setId) => ({ id: setId, source: { type: "team", teamId: id } })),
    projectIds: team.projectIds,
    rules: undefined,
  };
  policy.teamPrincipals.set(id, principal);
  return principal;
}

export type ProjectStatus = "scheduled" | "active" | "ended" | "expired";

/**
 * Where a project stands at `nowMs`: ended early (endedAt passed), not started yet, running, or past
 * its end. The one rule for the engine, the access report and the project views.
 */
export function projectStatusAt(
  project: Pick<ProjectEntry, "startsAtMs" | "endsAtMs" | "endedAtMs">,
  nowMs: number,
): ProjectStatus {
  if (project.endedAtMs !== null && project.endedAtMs <= nowMs) return "ended";
  if (nowMs < project.startsAtMs) return "scheduled";
  return nowMs < project.endsAtMs ? "active" : "expired";
}

export function isProjectActive(project: ProjectEntry, nowMs: number): boolean {
  return projectStatusAt(project, nowMs) === "active";
}

/** An API key as the decision API uses it: its expiry as a number, and its caller (scopes as a set). */
function apiKeyEntry(key: PolicyData["apiKeys"][number], people: PeopleIndex): ApiKeyEntry {
  const apiKey = Object.freeze({ id: key.id, scopes: key.scopes === null ? null : new Set(key.scopes) });
  const caller: DecisionCaller | null =
    key.kind === "team" && key.teamId !== null
      ? { kind: "team", teamId: key.teamId, apiKey }
      : key.userId !== null && people.has(key.userId)
        ? { kind: "user", userId: key.userId, apiKey }
        : null;
  return {
    ...key,
    expiresAtMs: key.expiresAt === null ? null : Date.parse(key.expiresAt),
    caller: caller && Object.freeze(caller),
  };
}
