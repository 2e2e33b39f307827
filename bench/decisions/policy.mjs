// The benchmark org, generated from a seed so that every run (and every engine) sees the same
// rows: 10,000 people (admins, members, viewers) in 20 departments and 200 teams, 5,000 agents
// (personal / team / org scope) with shares to teams, 50 active projects, and a handful of models,
// integrations, knowledge bases, team spaces and permission sets. The output is Gatehouse's own
// `PolicyData`; bench/decisions/peers.mjs expresses the same rows for casbin, CASL and Cerbos.
import { rulesFromSeed } from "../../dist/domain/access/permission-sets.js";

/** The clock every engine decides at. Projects end in 2099, so all of them are active. */
export const NOW_MS = Date.parse("2026-06-01T12:00:00.000Z");
const PROJECT_END = "2099-12-31T00:00:00.000Z";
const CREATED = "2026-01-01T00:00:00.000Z";

export const AGENT_ACTIONS = ["agents:view", "agents:run", "agents:edit"];
export const DEPARTMENTS = [
  "Marketing",
  "Finance",
  "Sales",
  "Support",
  "Engineering",
  "Legal",
  "People",
  "Operations",
  "Product",
  "Design",
  "Research",
  "Security",
  "IT",
  "Procurement",
  "Leadership",
  "Data",
  "Partnerships",
  "Communications",
  "Quality",
  "Facilities",
];

/** A flat copy of a string (what the database driver or JSON.parse hands out). */
export const flat = (s) => Buffer.from(s, "latin1").toString("latin1");

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const distinct = (list, k, except) => {
    const out = new Set();
    for (let tries = 0; out.size < Math.min(k, list.length) && tries < k * 20; tries++) {
      const item = pick(list);
      if (item !== except) out.add(item);
    }
    return [...out];
  };
  // Ids shaped like the app's UUIDv7s, so map keys hash like production ones; flattened (copied into
  // one flat string), as ids read from the database or parsed from a request are, instead of the
  // rope of slices that concatenation builds and that every comparison would have to walk.
  const uuid = () => {
    const hex = Array.from({ length: 4 }, () => (int(0x100000000) >>> 0).toString(16).padStart(8, "0")).join(
      "",
    );
    return flat(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`,
    );
  };
  return { next, int, pick, distinct, uuid };
}

const SEED_SETS = {
  marketing_team: {
    ai_models: ["gpt-4", "claude-3"],
    integrations: ["hubspot", "slack"],
    agent_creation: true,
    file_upload_limit: "100MB",
    knowledge_base_access: ["brand-guide", "public"],
  },
  finance_team: {
    ai_models: ["gpt-4"],
    integrations: ["salesforce"],
    agent_creation: "admin_approval",
    file_upload_limit: "25MB",
    knowledge_base_access: ["finance-handbook"],
  },
  support_team: { integrations: ["zendesk", "slack"], agent_creation: true },
  contractors: { ai_models: ["claude-3-haiku"], agent_creation: false, file_upload_limit: "10MB" },
};

/**
 * Generates the org. `people` scales the number of people with the same per-person shape (role mix,
 * department, 1–3 teams, team roles, project memberships); everything else stays at the size.
 */
export function generatePolicy({ seed = 20260601, people = 10_000, orgId = "bench-org" } = {}) {
  const r = prng(seed);
  const teams = Array.from({ length: 200 }, (_, i) => ({ id: r.uuid(), name: `Team ${i + 1}` }));
  const teamIds = teams.map((t) => t.id);

  const members = [];
  const emails = [];
  const teamMembers = [];
  const nonViewers = [];
  const admins = [];
  const membersOfTeam = new Map(teamIds.map((id) => [id, []]));
  for (let i = 0; i < people; i++) {
    const userId = r.uuid();
    const x = r.next();
    const role = x < 0.05 ? "admin" : x < 0.8 ? "member" : "viewer";
    members.push({ userId, name: `Person ${i + 1}`, role, department: r.pick(DEPARTMENTS) });
    emails.push(`person${i + 1}@bench.test`);
    if (role !== "viewer") nonViewers.push(userId);
    if (role === "admin") admins.push(userId);
    const y = r.next();
    for (const teamId of r.distinct(teamIds, y < 0.5 ? 1 : y < 0.85 ? 2 : 3)) {
      const z = r.next();
      const teamRole = role === "viewer" ? "member" : z < 0.04 ? "owner" : z < 0.12 ? "admin" : "member";
      teamMembers.push({ teamId, userId, role: teamRole });
      if (role !== "viewer") membersOfTeam.get(teamId).push(userId);
    }
  }

  const agents = [];
  const agentShares = [];
  for (let i = 0; i < 5_000; i++) {
    const x = r.next();
    const scope = x < 0.5 ? "personal" : x < 0.85 ? "team" : "org";
    const teamId = scope === "team" ? r.pick(teamIds) : null;
    const candidates =
      teamId && membersOfTeam.get(teamId).length > 0 ? membersOfTeam.get(teamId) : nonViewers;
    const ownerId = scope === "org" ? r.pick(admins) : r.pick(candidates);
    const agent = { id: r.uuid(), key: `agent-${i + 1}`, name: `Agent ${i + 1}`, scope, ownerId, teamId };
    agents.push(agent);
    const y = r.next();
    const shares = y < 0.3 ? 0 : y < 0.55 ? 1 : y < 0.75 ? 2 : y < 0.9 ? 3 : 4;
    for (const shareTeam of r.distinct(teamIds, shares, teamId)) {
      agentShares.push({
        agentId: agent.id,
        teamId: shareTeam,
        level: r.pick(["view_only", "run_only", "full"]),
      });
    }
  }

  const models = ["gpt-4", "gpt-4o", "claude-3", "claude-3-haiku", "gemini-pro", "llama-3"].map((key, i) => ({
    id: r.uuid(),
    key,
    name: key.toUpperCase(),
    enabled: i !== 5,
  }));
  const integrations = [
    ["salesforce", ["read_leads", "write_leads", "read_opportunities"]],
    ["hubspot", ["read_contacts"]],
    ["slack", []],
    ["zendesk", ["read_tickets"]],
    ["google-drive", ["read_files"]],
  ].map(([key, dataScopes], i) => ({
    id: r.uuid(),
    key,
    name: key,
    enabled: true,
    restricted: i === 0,
    dataScopes,
  }));
  const integrationShares = r.distinct(teamIds, 6).map((teamId, i) => ({
    integrationId: integrations[0].id,
    teamId,
    dataScope: i < 2 ? "full_access" : "read_leads",
  }));
  const knowledgeBases = [
    "brand-guide",
    "finance-handbook",
    "support-playbook",
    "eng-wiki",
    "sales-decks",
  ].map((key, i) => ({
    id: r.uuid(),
    key,
    name: key,
    visibility: ["public", "department", "team", "department", "team"][i],
    department: i === 1 ? "Finance" : i === 3 ? "Engineering" : null,
    teamId: i === 2 || i === 4 ? r.pick(teamIds) : null,
    ownerId: r.pick(admins),
  }));
  const contextFiles = Array.from({ length: 20 }, (_, i) => {
    const scope = ["personal", "team", "org"][i % 3];
    return {
      id: r.uuid(),
      name: `context-${i + 1}.md`,
      scope,
      ownerId: scope === "personal" ? r.pick(nonViewers) : r.pick(admins),
      teamId: scope === "team" ? r.pick(teamIds) : null,
    };
  });

  const teamSpaces = [];
  const teamSpaceAccess = [];
  const teamSpaceResources = [];
  for (let i = 0; i < 5; i++) {
    const space = { id: r.uuid(), key: `space-${i + 1}`, name: `Team Space ${i + 1}` };
    teamSpaces.push(space);
    for (const teamId of r.distinct(teamIds, 4))
      teamSpaceAccess.push({
        teamSpaceId: space.id,
        teamId,
        level: r.pick(["full", "view", "none"]),
        reach: "space",
      });
    for (const agent of r.distinct(agents, 20))
      teamSpaceResources.push({ teamSpaceId: space.id, resourceType: "agent", resourceId: agent.id });
    teamSpaceResources.push({
      teamSpaceId: space.id,
      resourceType: "knowledge_base",
      resourceId: r.pick(knowledgeBases).id,
    });
  }

  const projects = [];
  const projectMembers = [];
  const projectResources = [];
  // Direct project members scale with the org, so that a person's share of projects stays the same.
  const usersPerProject = Math.max(1, Math.round((people / 10_000) * 15));
  for (let i = 0; i < 50; i++) {
    const project = {
      id: r.uuid(),
      name: `Project ${i + 1}`,
      startsAt: CREATED,
      endsAt: PROJECT_END,
      endedAt: null,
    };
    projects.push(project);
    for (const m of r.distinct(members, usersPerProject))
      projectMembers.push({ projectId: project.id, memberType: "user", memberRef: m.userId });
    for (const teamId of r.distinct(teamIds, r.int(4)))
      projectMembers.push({ projectId: project.id, memberType: "team", memberRef: teamId });
    if (r.next() < 0.2)
      projectMembers.push({
        projectId: project.id,
        memberType: "department",
        memberRef: r.pick(DEPARTMENTS),
      });
    for (const agent of r.distinct(agents, 5 + r.int(36)))
      projectResources.push({ projectId: project.id, resourceType: "agent", resourceId: agent.id });
    if (r.next() < 0.3)
      projectResources.push({
        projectId: project.id,
        resourceType: "integration",
        resourceId: r.pick(integrations).id,
      });
  }

  const seeds = new Map();
  const permissionSets = Object.entries(SEED_SETS).map(([key, seedRules]) => {
    const set = { id: r.uuid(), key, name: key.replace("_", " "), rules: rulesFromSeed(seedRules, key) };
    seeds.set(set.id, seedRules);
    return set;
  });
  const [marketing, finance, support, contractors] = permissionSets;
  const assignments = [
    { setId: marketing.id, targetType: "department", targetId: "marketing" },
    { setId: finance.id, targetType: "department", targetId: "finance" },
    { setId: support.id, targetType: "team", targetId: teamIds[0] },
    ...r
      .distinct(members, 10)
      .map((m) => ({ setId: contractors.id, targetType: "user", targetId: m.userId })),
  ];

  const data = {
    orgId,
    version: 1,
    defaultUploadLimitBytes: 500 * 1024 * 1024,
    members,
    teams,
    teamMembers,
    permissionSets,
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
    teamSpaceAccessResources: [],
    teamSpaceResources,
    projects,
    projectMembers,
    projectResources,
    apiKeys: [],
  };
  return { data, emails, seeds, created: CREATED };
}
