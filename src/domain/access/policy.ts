import type { TeamRole } from "../roles.js";
import { NO_TEAM_ROLES, PeopleIndex, type PersonEntry, type Profile } from "./people-index.js";
import { combineRules, type EffectiveRules, type PermissionSetRules } from "./permission-sets.js";
import { departmentKey, type PolicyData, type ShareLevel, type SpaceLevel } from "./policy-data.js";
import type {
  ApiKeyEntry,
  DecisionCaller,
  Policy,
  Principal,
  ProjectEntry,
  SetSource,
  TeamGrant,
} from "./policy-types.js";

export type {
  AgentAnswers,
  AgentEntry,
  ApiKeyEntry,
  ContextFileEntry,
  DecisionMemo,
  HeldGrant,
  IntegrationEntry,
  KnowledgeBaseEntry,
  MemoEntry,
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const USER_SOURCE: SetSource = Object.freeze({ type: "user" });
const NO_PROJECTS: readonly string[] = Object.freeze([]);

function sourceKey(source: SetSource, teamCodes: ReadonlyMap<string, string>): string {
  return source.type === "department"
    ? `d${source.department}`
    : source.type === "team"
      ? `t${teamCodes.get(source.teamId)}`
      : "u";
}

export function compilePolicy(data: PolicyData): Policy {
  const teams: Policy["teams"] = new Map(
    data.teams.map((t) => [t.id, { id: t.id, name: t.name, setIds: [], projectIds: [], memberIds: [] }]),
  );
  const sets: Policy["sets"] = new Map(data.permissionSets.map((s) => [s.id, s]));

  const setsByDepartment = new Map<string, string[]>();
  const setsByUser = new Map<string, string[]>();
  for (const a of data.assignments) {
    if (!sets.has(a.setId)) continue;
    if (a.targetType === "department") push(setsByDepartment, departmentKey(a.targetId), a.setId);
    else if (a.targetType === "team") teams.get(a.targetId)?.setIds.push(a.setId);
    else push(setsByUser, a.targetId, a.setId);
  }

  const projects: Policy["projects"] = new Map(
    data.projects.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        startsAtMs: Date.parse(p.startsAt),
        endsAtMs: Date.parse(p.endsAt),
        endedAtMs: p.endedAt === null ? null : Date.parse(p.endedAt),
        fileIds: new Set<string>(),
      },
    ]),
  );
  const projectsByUser = new Map<string, string[]>();
  const projectsByDepartment = new Map<string, string[]>();
  for (const m of data.projectMembers) {
    const projectId = projects.get(m.projectId)?.id;
    if (projectId === undefined) continue;
    if (m.memberType === "user") push(projectsByUser, m.memberRef, projectId);
    else if (m.memberType === "team") teams.get(m.memberRef)?.projectIds.push(projectId);
    else push(projectsByDepartment, departmentKey(m.memberRef), projectId);
  }

  // Short codes (positions, base 36) for teams and sets: the keys that tell which people
  // share the same memberships (below) are built from them, not from 36-character ids.
  const codes = <T extends { id: string }>(list: readonly T[]) =>
    new Map(list.map((item, i): [string, string] => [item.id, i.toString(36)]));
  const teamCodes = codes(data.teams);
  const setCodes = codes(data.permissionSets);

  const teamRolesByUser = new Map<string, Map<string, TeamRole>>();
  for (const tm of data.teamMembers) {
    const team = teams.get(tm.teamId);
    if (!team) continue;
    team.memberIds.push(tm.userId);
    const roles = teamRolesByUser.get(tm.userId) ?? new Map<string, TeamRole>();
    teamRolesByUser.set(tm.userId, roles);
    // The team's own id string, not the row's copy: a million people then share 200 strings that stay
    // in the CPU's cache, and comparing them is comparing pointers.
    roles.set(team.id, tm.role);
  }
  // Each person's teams in the order of `data.teams` (the loader's: creation order), whatever order the
  // membership rows came in: where two teams grant alike, the engine names the first, the same one on
  // every build. Rows read from SQLite come in that order already (the covering index of 0016).
  const teamOrder = new Map(data.teams.map((t, i) => [t.id, i]));
  const byTeamOrder = (a: [string, TeamRole], b: [string, TeamRole]) =>
    (teamOrder.get(a[0]) ?? 0) - (teamOrder.get(b[0]) ?? 0);
  for (const [userId, roles] of teamRolesByUser) {
    if (roles.size < 2) continue;
    let last = -1;
    for (const teamId of roles.keys()) {
      const order = teamOrder.get(teamId) ?? 0;
      if (order < last) {
        teamRolesByUser.set(userId, new Map([...roles].sort(byTeamOrder)));
        break;
      }
      last = order;
    }
  }

  // People with the same permission sets share one list and one combined rule set, made here: a check
  // then never allocates (or retains) rules for a person it meets for the first time, and a million
  // people hold a few hundred lists rather than a million.
  const setGroups = new Map<string, { sets: Principal["sets"]; rules: EffectiveRules }>();
  const sharedSets = (personSets: { id: string; source: SetSource }[]) => {
    let key = "";
    for (const { id, source } of personSets) key += `${setCodes.get(id)}${sourceKey(source, teamCodes)},`;
    let group = setGroups.get(key);
    if (group === undefined) {
      const applicable = personSets.flatMap(({ id }) => sets.get(id) ?? []);
      group = { sets: Object.freeze(personSets), rules: combineRules(applicable) };
      setGroups.set(key, group);
    }
    return { key, group };
  };
  // People alike in role, department, sets and projects share one profile (see people-index.ts).
  const projectCodes = codes(data.projects);
  const projectLists = new Map<string, readonly string[]>();
  const profiles = new Map<string, Profile>();
  const profileOf = (
    role: Principal["role"],
    department: string | null,
    setsKey: string,
    group: { sets: Principal["sets"]; rules: EffectiveRules },
    projectIds: Set<string>,
  ): Profile => {
    let projectsKey = "";
    for (const id of projectIds) projectsKey += `${projectCodes.get(id)},`;
    const key = `${role}|${department ?? ""}|${setsKey}|${projectsKey}`;
    let profile = profiles.get(key);
    if (profile === undefined) {
      let list = projectLists.get(projectsKey);
      if (list === undefined) {
        list = projectIds.size === 0 ? NO_PROJECTS : Object.freeze([...projectIds]);
        projectLists.set(projectsKey, list);
      }
      profile = Object.freeze({ role, department, sets: group.sets, projectIds: list, rules: group.rules });
      profiles.set(key, profile);
    }
    return profile;
  };
  const entries: PersonEntry[] = [];
  for (const m of data.members) {
    const department = m.department === null ? null : departmentKey(m.department);
    // People in one team with one role share a map (PeopleIndex keeps the first it is given).
    const teamRoles = teamRolesByUser.get(m.userId) ?? NO_TEAM_ROLES;
    const personSets: { id: string; source: SetSource }[] = [];
    const projectIds = new Set<string>(projectsByUser.get(m.userId));
    if (department !== null) {
      for (const id of setsByDepartment.get(department) ?? [])
        personSets.push({ id, source: { type: "department", department } });
      for (const id of projectsByDepartment.get(department) ?? []) projectIds.add(id);
    }
    for (const teamId of teamRoles.keys()) {
      const team = teams.get(teamId);
      for (const id of team?.setIds ?? []) personSets.push({ id, source: { type: "team", teamId } });
      for (const id of team?.projectIds ?? []) projectIds.add(id);
    }
    for (const id of setsByUser.get(m.userId) ?? []) personSets.push({ id, source: USER_SOURCE });
    const { key: setsKey, group } = sharedSets(personSets);
    entries.push({
      userId: m.userId,
      name: m.name,
      profile: profileOf(m.role, department, setsKey, group, projectIds),
      teamRoles,
    });
  }
  const people = new PeopleIndex([...teams.keys()], entries);

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
    data.teamSpaces.map((s) => [s.id, { id: s.id, key: s.key, name: s.name, access: new Map() }]),
  );
  for (const a of data.teamSpaceAccess) teamSpaces.get(a.teamSpaceId)?.access.set(a.teamId, a.level);
  const externalInSpaces = new Map<string, string[]>();
  for (const r of data.teamSpaceResources) {
    const space = teamSpaces.get(r.teamSpaceId);
    if (!space) continue;
    for (const [teamId, level] of space.access) {
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
    if (r.resourceType === "file" || r.resourceType === "conversation")
      push(externalInSpaces, r.resourceId, space.id);
  }

  for (const r of data.projectResources) {
    const project = projects.get(r.projectId);
    if (!project) continue;
    if (r.resourceType === "agent") agents.get(r.resourceId)?.projectIds.push(project.id);
    else if (r.resourceType === "integration") integrations.get(r.resourceId)?.projectIds.push(project.id);
    else if (r.resourceType === "knowledge_base")
      knowledgeBases.get(r.resourceId)?.projectIds.push(project.id);
    else project.fileIds.add(r.resourceId);
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
    apiKeysByHash: new Map(data.apiKeys.map((k) => [k.secretHash, apiKeyEntry(k, people)])),
    teamPrincipals: new Map(),
    memo: emptyMemo(),
  };
}

/** The effective permission-set rules of a principal, combined once per policy. */
export function emptyMemo(): Policy["memo"] {
  return {
    size: 0,
    users: new Map(),
    teams: new Map(),
    fromMs: Number.NEGATIVE_INFINITY,
    validUntilMs: Number.NEGATIVE_INFINITY,
    looked: 0,
    hits: 0,
    skipped: 0,
    bypass: false,
  };
}

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
  principal = {
    userId: null,
    personIndex: -1,
    name: team.name,
    role: "member",
    department: null,
    teamRoles: new Map([[teamId, "member"]]),
    sets: team.setIds.map((id) => ({ id, source: { type: "team", teamId } })),
    projectIds: team.projectIds,
    rules: undefined,
  };
  policy.teamPrincipals.set(teamId, principal);
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
