// The benchmark org's agent rules expressed for each peer, read straight from the `PolicyData` rows
// (not from Gatehouse's compiled policy, so that agreement between engines proves something):
// - casbin: RBAC with domains (CASBIN_MODEL below): `g, user, team, org` for team
//   membership, `p, team, org, agent, action` for what shares, team spaces, team agents, projects and
//   org-wide agents grant, owners as `p, user, …`; each level expanded into the actions it allows,
//   written as one action pattern per line (`^(agents:view|agents:run)$`, casbin's regexMatch) rather
//   than one line per action: ~18,000 `p` lines instead of ~43,000, which halves casbin's per-check scan;
// - CASL: one ability per person (built on first use, then cached), rules with conditions on agent
//   attributes, checked with `ability.can(action, agent)`;
// - Cerbos: the attributes its resource policy (bench/peers/cerbos/policies) reads from each request.
import { AbilityBuilder, createMongoAbility, subject } from "@casl/ability";
import { newCachedEnforcer, newEnforcer, newModelFromString, StringAdapter } from "casbin";

const RANK = { view_only: 0, run_only: 1, full: 2 };
const ACTIONS_AT = {
  view_only: ["agents:view"],
  run_only: ["agents:view", "agents:run"],
  full: ["agents:view", "agents:run", "agents:edit"],
};
/** A level's actions as one casbin action pattern (casbin's RESTful example style, `(GET)|(POST)`). */
const ACTION_PATTERN = Object.fromEntries(
  Object.entries(ACTIONS_AT).map(([level, actions]) => [level, `^(${actions.join("|")})$`]),
);
const SPACE_TO_SHARE = { full: "run_only", view: "view_only", none: null };
const dept = (d) => (d === null ? null : d.trim().toLowerCase());

/** Who reaches which agent and at what level, from the rows: the facts every peer is given. */
export function agentFacts(data, nowMs) {
  const active = new Set(
    data.projects
      .filter(
        (p) =>
          Date.parse(p.startsAt) <= nowMs &&
          nowMs < Date.parse(p.endsAt) &&
          (p.endedAt === null || nowMs < Date.parse(p.endedAt)),
      )
      .map((p) => p.id),
  );
  const agents = new Map(
    data.agents.map((a) => [a.id, { ...a, grants: new Map(), sources: [], projectIds: [] }]),
  );
  const grant = (agent, teamId, level, source) => {
    if (!agent || level === null) return;
    const current = agent.grants.get(teamId);
    if (current === undefined || RANK[level] > RANK[current]) agent.grants.set(teamId, level);
    agent.sources.push({ teamId, level, source });
  };
  for (const a of agents.values()) if (a.scope === "team" && a.teamId) grant(a, a.teamId, "run_only", "team");
  for (const s of data.agentShares) grant(agents.get(s.agentId), s.teamId, s.level, "share");
  const spaceTeams = new Map();
  for (const x of data.teamSpaceAccess) {
    const list = spaceTeams.get(x.teamSpaceId) ?? [];
    list.push(x);
    spaceTeams.set(x.teamSpaceId, list);
  }
  for (const r of data.teamSpaceResources) {
    if (r.resourceType !== "agent") continue;
    for (const x of spaceTeams.get(r.teamSpaceId) ?? [])
      grant(agents.get(r.resourceId), x.teamId, SPACE_TO_SHARE[x.level], "team_space");
  }
  for (const r of data.projectResources)
    if (r.resourceType === "agent" && active.has(r.projectId))
      agents.get(r.resourceId)?.projectIds.push(r.projectId);

  const people = new Map(
    data.members.map((m) => [
      m.userId,
      { ...m, department: dept(m.department), teams: new Map(), projects: new Set() },
    ]),
  );
  for (const tm of data.teamMembers) people.get(tm.userId)?.teams.set(tm.teamId, tm.role);
  const projectsOfTeam = new Map();
  const projectsOfDept = new Map();
  for (const pm of data.projectMembers) {
    if (!active.has(pm.projectId)) continue;
    if (pm.memberType === "user") people.get(pm.memberRef)?.projects.add(pm.projectId);
    else {
      const map = pm.memberType === "team" ? projectsOfTeam : projectsOfDept;
      const key = pm.memberType === "team" ? pm.memberRef : dept(pm.memberRef);
      map.set(key, [...(map.get(key) ?? []), pm.projectId]);
    }
  }
  for (const p of people.values()) {
    for (const id of projectsOfDept.get(p.department) ?? []) p.projects.add(id);
    for (const teamId of p.teams.keys())
      for (const id of projectsOfTeam.get(teamId) ?? []) p.projects.add(id);
  }
  return { agents, people, active, projectsOfTeam, projectsOfDept };
}

// ---- casbin ----------------------------------------------------------------------------------------

/**
 * RBAC with domains (casbin's rbac_with_domains_model), one domain per org, plus two things the
 * Gatehouse rules need: `p, role:admin, org, *, *` (admins manage every agent) and the role ceiling (only
 * members and admins may do more than agents:view, whatever their teams were given). The cheap
 * equality tests come first: casbin evaluates the matcher once per `p` line until one allows.
 */
export const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = (r.obj == p.obj || p.obj == "*") && (p.act == "*" || regexMatch(r.act, p.act)) && r.dom == p.dom && \
  g(r.sub, p.sub, r.dom) && (r.act == "agents:view" || g(r.sub, "role:member", r.dom))
`;

/** The policy as casbin CSV lines (what a file or database adapter would hold). */
export function casbinPolicy(data, facts) {
  const lines = ["p, role:admin, org, *, *"];
  const p = (sub, agentId, level) => lines.push(`p, ${sub}, org, agent:${agentId}, ${ACTION_PATTERN[level]}`);
  const g = (a, b) => lines.push(`g, ${a}, ${b}, org`);
  g("role:admin", "role:member");
  g("role:member", "role:everyone");
  g("role:viewer", "role:everyone");
  for (const person of facts.people.values()) {
    g(`user:${person.userId}`, `role:${person.role}`);
    if (person.department) g(`user:${person.userId}`, `dept:${person.department}`);
    for (const [teamId, role] of person.teams) {
      g(`user:${person.userId}`, `team:${teamId}`);
      if (role === "admin" || role === "owner") g(`user:${person.userId}`, `team:${teamId}#admin`);
    }
  }
  for (const pm of data.projectMembers) {
    if (!facts.active.has(pm.projectId)) continue;
    const member =
      pm.memberType === "user"
        ? `user:${pm.memberRef}`
        : pm.memberType === "team"
          ? `team:${pm.memberRef}`
          : `dept:${dept(pm.memberRef)}`;
    g(member, `project:${pm.projectId}`);
  }
  for (const a of facts.agents.values()) {
    if (a.ownerId) p(`user:${a.ownerId}`, a.id, "full");
    if (a.scope === "team" && a.teamId) p(`team:${a.teamId}#admin`, a.id, "full");
    if (a.scope === "org") p("role:everyone", a.id, "run_only");
    for (const s of a.sources) p(`team:${s.teamId}`, a.id, s.level);
    for (const projectId of a.projectIds) p(`project:${projectId}`, a.id, "run_only");
  }
  return lines;
}

export async function casbinEnforcers(lines) {
  const text = lines.join("\n");
  const started = performance.now();
  const plain = await newEnforcer(newModelFromString(CASBIN_MODEL), new StringAdapter(text));
  const plainMs = performance.now() - started;
  const cached = await newCachedEnforcer(newModelFromString(CASBIN_MODEL), new StringAdapter(text));
  return { plain, cached, loadMs: plainMs };
}

export const casbinRequest = (check) => [
  `user:${check.userId}`,
  "org",
  `agent:${check.agentId}`,
  check.action,
];

// ---- CASL ------------------------------------------------------------------------------------------

/** Agents as CASL subjects: the attributes the rules' conditions read. */
export function caslAgents(facts) {
  const out = new Map();
  for (const a of facts.agents.values()) {
    const teamsAt = (min) => [...a.grants].filter(([, level]) => RANK[level] >= min).map(([t]) => t);
    out.set(
      a.id,
      subject("Agent", {
        id: a.id,
        ownerId: a.ownerId,
        scope: a.scope,
        teamId: a.teamId,
        viewTeams: teamsAt(0),
        runTeams: teamsAt(1),
        fullTeams: teamsAt(2),
        projectIds: a.projectIds,
      }),
    );
  }
  return out;
}

/** One person's ability, the way an app builds it per request user (and caches it per user). */
export function caslAbilityFor(person) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  if (person.role === "admin") {
    can("manage", "all");
    return build();
  }
  const worker = person.role === "member";
  const all = worker ? ["agents:view", "agents:run", "agents:edit"] : ["agents:view"];
  const run = worker ? ["agents:view", "agents:run"] : ["agents:view"];
  const teams = [...person.teams.keys()];
  const adminTeams = [...person.teams].filter(([, role]) => role !== "member").map(([t]) => t);
  can(all, "Agent", { ownerId: person.userId });
  if (adminTeams.length > 0) can(all, "Agent", { scope: "team", teamId: { $in: adminTeams } });
  if (teams.length > 0) {
    can("agents:view", "Agent", { viewTeams: { $in: teams } });
    if (worker) {
      can("agents:run", "Agent", { runTeams: { $in: teams } });
      can("agents:edit", "Agent", { fullTeams: { $in: teams } });
    }
  }
  can(run, "Agent", { scope: "org" });
  if (person.projects.size > 0) can(run, "Agent", { projectIds: { $in: [...person.projects] } });
  return build();
}

export function caslEngine(facts) {
  const agents = caslAgents(facts);
  const abilities = new Map();
  const abilityOf = (userId) => {
    let ability = abilities.get(userId);
    if (ability === undefined) {
      ability = caslAbilityFor(facts.people.get(userId));
      abilities.set(userId, ability);
    }
    return ability;
  };
  return { agents, abilityOf, abilities };
}

// ---- Cerbos ----------------------------------------------------------------------------------------

/** The principal and resource of a Cerbos CheckResources request: the app sends the attributes. */
export function cerbosCheck(facts, check, requestId) {
  const person = facts.people.get(check.userId);
  const agent = facts.agents.get(check.agentId);
  return {
    requestId,
    principal: {
      id: person.userId,
      roles: [person.role],
      attr: { teams: Object.fromEntries(person.teams), projects: [...person.projects] },
    },
    resources: [
      {
        actions: [check.action],
        resource: {
          kind: "agent",
          id: agent.id,
          attr: {
            ownerId: agent.ownerId ?? "",
            scope: agent.scope,
            teamId: agent.teamId ?? "",
            grants: Object.fromEntries(agent.grants),
            projects: agent.projectIds,
          },
        },
      },
    ],
  };
}
