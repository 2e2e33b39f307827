import fc from "fast-check";
import { bumpAccessVersion } from "../../src/db/queries/orgs.js";
import { inTransaction, type Trx } from "../../src/db/transaction.js";
import { ACTION_NAMES, ACTIONS, isAction, RESOURCE_TYPES } from "../../src/domain/access/catalog.js";
import type { SeedPermissionSet } from "../../src/domain/access/permission-sets.js";
import {
  AGENT_SCOPES,
  type AgentScope,
  ASSIGNMENT_TARGETS,
  type AssignmentTarget,
  KB_VISIBILITIES,
  type KnowledgeBaseVisibility,
  PROJECT_MEMBER_TYPES,
  PROJECT_RESOURCE_TYPES,
  type ProjectMemberType,
  type ProjectResourceType,
  SHARE_LEVELS,
  type ShareLevel,
  SPACE_LEVELS,
  SPACE_REACHES,
  SPACE_RESOURCE_TYPES,
  type SpaceLevel,
  type SpaceReach,
  type SpaceResourceType,
} from "../../src/domain/access/policy-data.js";
import { ORG_ROLES, type OrgRole, TEAM_ROLES, type TeamRole } from "../../src/domain/roles.js";
import { newId } from "../../src/lib/ids.js";
import { DEFAULT_PASSWORD, type OrgFixture, type TestApp, testHasher, uniqueEmail } from "../harness/app.js";
import { TEST_DIALECT } from "../harness/database.js";
import type { ReferenceAttributes, ReferenceCheck } from "./reference-evaluator.js";

/**
 * Random org policies and random checks for the property tests, in a symbolic form that prints well
 * when fast-check shrinks a counterexample: people are `admin` (the org's creator), `p0`, `p1`…, a
 * former member `o0`; teams `default` (the org's own) and `t0`…; agents `agent0`…, spaces `space0`…,
 * projects `project0`…, sets `set0`…; models, integrations and knowledge bases go by their keys
 * (`model0`, `int0`, `kb0`…); the AI product's files and conversations by `file0`, `conv0`…
 * `writePolicy` inserts one into a fresh org of the test database and maps the symbols to ids.
 */

export const DEPARTMENTS = ["Marketing", "marketing", " MARKETING ", "Finance", "Sales"] as const;
export const MODEL_KEYS = ["model0", "model1", "model2", "model3"] as const;
export const INTEGRATION_KEYS = ["int0", "int1", "int2", "int3"] as const;
export const KB_KEYS = ["kb0", "kb1", "kb2", "kb3"] as const;
export const DATA_SCOPES = ["read_leads", "write_leads", "read_reports"] as const;
export const EXTERNAL_IDS = { file: ["file0", "file1"], conversation: ["conv0", "conv1"] } as const;
const DAY = 86_400_000;
/** Project starts and ends around the test clock's now: the boundaries are where time rules go wrong. */
const PROJECT_STARTS = [-60 * DAY, -60 * DAY, -60 * DAY, -1, 0, 1, DAY] as const;
const PROJECT_ENDS = [-30 * DAY, -1, 0, 1, 3_600_000, 30 * DAY] as const;
const PROJECT_ENDED = [-DAY, -1, 0, 1, 3_600_000] as const;
/** Stands for anything that does not exist in the org. */
export const UNKNOWN = "unknown";
const UNKNOWN_ID = "0190a000-0000-7000-8000-00000000dead";

export type PolicySpec = {
  defaultUploadLimitBytes: number | null;
  people: { ref: string; role: OrgRole; department: string | null }[];
  teams: string[];
  teamMembers: { team: string; person: string; role: TeamRole }[];
  agents: { ref: string; scope: AgentScope; owner: string | null; team: string | null }[];
  agentShares: { agent: string; team: string; level: ShareLevel }[];
  teamSpaces: string[];
  spaceAccess: { space: string; team: string; level: SpaceLevel; reach: SpaceReach }[];
  spaceResources: { space: string; type: SpaceResourceType; ref: string }[];
  /** Resources of a space listed for a team whose access has `reach: "resources"`. */
  spaceListed: { space: string; team: string; type: SpaceResourceType; ref: string }[];
  projects: { ref: string; startsInMs: number; endsInMs: number; endedInMs: number | null }[];
  projectMembers: { project: string; type: ProjectMemberType; ref: string }[];
  projectResources: { project: string; type: ProjectResourceType; ref: string }[];
  permissionSets: { ref: string; kind: "shared" | "personal"; rules: SeedPermissionSet }[];
  assignments: { set: string; type: AssignmentTarget; ref: string }[];
  models: { key: string; enabled: boolean }[];
  /**
   * `audience` "teams" once shared (it stays so when the last share goes); "org" only while unshared.
   * An "org" integration that still has shares (an admin's explicit reopening) is not generated: the
   * rule book, the schema and the service describe that state differently.
   */
  integrations: { key: string; enabled: boolean; dataScopes: string[]; audience: "org" | "teams" }[];
  integrationShares: { integration: string; team: string; dataScope: string }[];
  knowledgeBases: {
    key: string;
    visibility: KnowledgeBaseVisibility;
    department: string | null;
    team: string | null;
    owner: string | null;
  }[];
  contextFiles: { ref: string; scope: AgentScope; owner: string | null; team: string | null }[];
};

export type CheckSpec = ReferenceCheck;

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const ref = fc.nat({ max: 31 });
const weighted = <T>(...choices: [number, T][]) =>
  fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
const mostly = (value: boolean) => weighted([4, value], [1, !value]);
/** Lists of any length up to the maximum (fast-check's default leans to short ones). */
const rows = <T>(arb: fc.Arbitrary<T>, maxLength: number) => fc.array(arb, { maxLength, size: "max" });

const seedRulesArb: fc.Arbitrary<SeedPermissionSet> = fc.record(
  {
    ai_models: fc.subarray([...MODEL_KEYS, "gpt-9"]),
    integrations: fc.subarray([...INTEGRATION_KEYS, "slack"]),
    agent_creation: fc.constantFrom(true, false, "admin_approval" as const),
    file_upload_limit: fc.constantFrom<string | number>("0", "1KB", 5000, "2MB", "100MB"),
    knowledge_base_access: fc.subarray([...KB_KEYS, "public"]),
  },
  { requiredKeys: [] },
);

const rawPolicyArb = (minPeople: number) =>
  fc.record({
    defaultUploadLimitBytes: orNull(fc.constantFrom(1024, 1_048_576, 104_857_600)),
    people: fc.array(
      fc.record({ role: fc.constantFrom(...ORG_ROLES), department: orNull(fc.constantFrom(...DEPARTMENTS)) }),
      { minLength: minPeople, maxLength: Math.max(minPeople, 6), size: "max" },
    ),
    teams: fc.nat({ max: 4 }).map((n) => n + 1),
    teamMembers: rows(fc.record({ team: ref, person: ref, role: fc.constantFrom(...TEAM_ROLES) }), 12),
    agents: rows(fc.record({ scope: fc.constantFrom(...AGENT_SCOPES), owner: orNull(ref), team: ref }), 5),
    agentShares: rows(fc.record({ agent: ref, team: ref, level: fc.constantFrom(...SHARE_LEVELS) }), 6),
    teamSpaces: fc.nat({ max: 2 }).map((n) => n + 1),
    spaceAccess: rows(
      fc.record({
        space: ref,
        team: ref,
        level: fc.constantFrom(...SPACE_LEVELS),
        reach: fc.constantFrom(...SPACE_REACHES),
      }),
      6,
    ),
    spaceResources: rows(fc.record({ space: ref, type: fc.constantFrom(...SPACE_RESOURCE_TYPES), ref }), 6),
    spaceListed: rows(fc.record({ access: ref, resource: ref }), 6),
    projects: rows(
      fc.record({
        startsInMs: fc.constantFrom(...PROJECT_STARTS),
        endsInMs: fc.constantFrom(...PROJECT_ENDS),
        endedInMs: orNull(fc.constantFrom(...PROJECT_ENDED)),
      }),
      3,
    ),
    projectMembers: rows(fc.record({ project: ref, type: fc.constantFrom(...PROJECT_MEMBER_TYPES), ref }), 6),
    projectResources: rows(
      fc.record({ project: ref, type: fc.constantFrom(...PROJECT_RESOURCE_TYPES), ref }),
      6,
    ),
    permissionSets: rows(
      fc.record({ kind: fc.constantFrom("shared" as const, "personal" as const), rules: seedRulesArb }),
      4,
    ),
    assignments: rows(fc.record({ set: ref, type: fc.constantFrom(...ASSIGNMENT_TARGETS), ref }), 8),
    models: rows(mostly(true), MODEL_KEYS.length),
    integrations: rows(
      fc.record({
        disabled: mostly(false),
        dataScopes: fc.subarray([...DATA_SCOPES]),
        sharedOnce: fc.boolean(),
      }),
      4,
    ),
    integrationShares: rows(fc.record({ integration: ref, team: ref, scope: ref }), 5),
    knowledgeBases: rows(
      fc.record({
        visibility: fc.constantFrom(...KB_VISIBILITIES),
        department: ref,
        team: ref,
        owner: orNull(ref),
      }),
      KB_KEYS.length,
    ),
    contextFiles: rows(
      fc.record({ scope: fc.constantFrom(...AGENT_SCOPES), owner: orNull(ref), team: ref }),
      4,
    ),
  });
type RawPolicy = ReturnType<typeof rawPolicyArb> extends fc.Arbitrary<infer T> ? T : never;

/** Keeps the first of the rows that share a primary key. */
function unique<T>(list: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((row) => {
    const k = key(row);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function definedOnly<T>(list: (T | undefined)[]): T[] {
  return list.filter((row): row is T => row !== undefined);
}

/** Indices → symbols: every reference lands on something that exists (or the row is dropped). */
function normalizePolicy(raw: RawPolicy): PolicySpec {
  const people = raw.people.map((p, i) => ({ ref: `p${i}`, ...p }));
  const members = ["admin", ...people.map((p) => p.ref)];
  const users = [...members, "o0"];
  const teams = Array.from({ length: raw.teams }, (_, i) => `t${i}`);
  const allTeams = ["default", ...teams];
  const agents = raw.agents.map((a, i) => ({
    ref: `agent${i}`,
    scope: a.scope,
    owner: a.owner === null ? null : (pick(users, a.owner) ?? null),
    team: a.scope === "team" ? (pick(allTeams, a.team) ?? null) : null,
  }));
  const spaces = Array.from({ length: raw.teamSpaces }, (_, i) => `space${i}`);
  const projects = raw.projects.map((p, i) => ({ ref: `project${i}`, ...p }));
  const sets = raw.permissionSets.map((s, i) => ({ ref: `set${i}`, ...s }));
  const models = raw.models.map((enabled, i) => ({ key: MODEL_KEYS[i] as string, enabled }));
  const unsharedIntegrations = raw.integrations.map((g, i) => ({
    key: INTEGRATION_KEYS[i] as string,
    enabled: !g.disabled,
    dataScopes: g.dataScopes,
  }));
  const integrationShares = unique(
    definedOnly(
      raw.integrationShares.map((s) => {
        const integration = pick(unsharedIntegrations, s.integration);
        const team = pick(allTeams, s.team);
        if (integration === undefined || team === undefined) return undefined;
        const dataScope = pick(["full_access", ...integration.dataScopes], s.scope) as string;
        return { integration: integration.key, team, dataScope };
      }),
    ),
    (s) => `${s.integration}/${s.team}`,
  );
  // Shared ones are restricted to teams; some unshared ones were shared once and are still restricted.
  const integrations = unsharedIntegrations.map((g, i) => ({
    ...g,
    audience:
      integrationShares.some((s) => s.integration === g.key) || raw.integrations[i]?.sharedOnce
        ? ("teams" as const)
        : ("org" as const),
  }));
  const knowledgeBases = raw.knowledgeBases.map((k, i) => ({
    key: KB_KEYS[i] as string,
    visibility: k.visibility,
    department: k.visibility === "department" ? (pick(DEPARTMENTS, k.department) ?? null) : null,
    team: k.visibility === "team" ? (pick(allTeams, k.team) ?? null) : null,
    owner: k.owner === null ? null : (pick(users, k.owner) ?? null),
  }));
  const resourcesOf = (type: string): readonly string[] =>
    type === "agent"
      ? agents.map((a) => a.ref)
      : type === "integration"
        ? integrations.map((g) => g.key)
        : type === "knowledge_base"
          ? knowledgeBases.map((k) => k.key)
          : type === "file"
            ? EXTERNAL_IDS.file
            : EXTERNAL_IDS.conversation;
  const groupOf = (type: "user" | "team" | "department"): readonly string[] =>
    type === "user" ? members : type === "team" ? allTeams : DEPARTMENTS;
  const spaceAccess = unique(
    definedOnly(
      raw.spaceAccess.map((a) => {
        const space = pick(spaces, a.space);
        const team = pick(allTeams, a.team);
        return space === undefined || team === undefined
          ? undefined
          : { space, team, level: a.level, reach: a.reach };
      }),
    ),
    (a) => `${a.space}/${a.team}`,
  );
  const spaceResources = unique(
    definedOnly(
      raw.spaceResources.map((r) => {
        const space = pick(spaces, r.space);
        const target = pick(resourcesOf(r.type), r.ref);
        return space === undefined || target === undefined ? undefined : { space, type: r.type, ref: target };
      }),
    ),
    (r) => `${r.space}/${r.type}/${r.ref}`,
  );

  return {
    defaultUploadLimitBytes: raw.defaultUploadLimitBytes,
    people,
    teams,
    teamMembers: unique(
      definedOnly(
        raw.teamMembers.map((m) => {
          const team = pick(allTeams, m.team);
          const person = pick(members, m.person);
          return team === undefined || person === undefined ? undefined : { team, person, role: m.role };
        }),
      ).filter((m) => !(m.team === "default" && m.person === "admin")),
      (m) => `${m.team}/${m.person}`,
    ),
    agents,
    agentShares: unique(
      definedOnly(
        raw.agentShares.map((s) => {
          const agent = pick(agents, s.agent)?.ref;
          const team = pick(allTeams, s.team);
          return agent === undefined || team === undefined ? undefined : { agent, team, level: s.level };
        }),
      ),
      (s) => `${s.agent}/${s.team}`,
    ),
    teamSpaces: spaces,
    spaceAccess,
    spaceResources,
    spaceListed: unique(
      definedOnly(
        raw.spaceListed.map((l) => {
          const access = pick(
            spaceAccess.filter((a) => a.reach === "resources"),
            l.access,
          );
          const resource = pick(
            spaceResources.filter((r) => r.space === access?.space),
            l.resource,
          );
          return access === undefined || resource === undefined
            ? undefined
            : { space: access.space, team: access.team, type: resource.type, ref: resource.ref };
        }),
      ),
      (l) => `${l.space}/${l.team}/${l.type}/${l.ref}`,
    ),
    projects,
    projectMembers: unique(
      definedOnly(
        raw.projectMembers.map((m) => {
          const project = pick(projects, m.project)?.ref;
          const target = pick(groupOf(m.type), m.ref);
          return project === undefined || target === undefined
            ? undefined
            : { project, type: m.type, ref: target };
        }),
      ),
      (m) => `${m.project}/${m.type}/${m.ref}`,
    ),
    projectResources: unique(
      definedOnly(
        raw.projectResources.map((r) => {
          const project = pick(projects, r.project)?.ref;
          const target = pick(resourcesOf(r.type), r.ref);
          return project === undefined || target === undefined
            ? undefined
            : { project, type: r.type, ref: target };
        }),
      ),
      (r) => `${r.project}/${r.type}/${r.ref}`,
    ),
    permissionSets: sets,
    assignments: unique(
      definedOnly(
        raw.assignments.map((a) => {
          const set = pick(sets, a.set)?.ref;
          const target = pick(groupOf(a.type), a.ref);
          return set === undefined || target === undefined ? undefined : { set, type: a.type, ref: target };
        }),
      ),
      // Department labels that differ only in case name one department.
      (a) => `${a.set}/${a.type}/${a.type === "department" ? a.ref.trim().toLowerCase() : a.ref}`,
    ),
    models,
    integrations,
    integrationShares,
    knowledgeBases,
    contextFiles: raw.contextFiles.map((c, i) => ({
      ref: `cf${i}`,
      scope: c.scope,
      owner:
        c.scope === "personal"
          ? (pick(members, c.owner ?? 0) ?? null)
          : c.owner === null
            ? null
            : (pick(users, c.owner) ?? null),
      team: c.scope === "team" ? (pick(allTeams, c.team) ?? null) : null,
    })),
  };
}

export type PolicyOptions = { minPeople?: number };

/** A random org policy: every kind of grant the rule book knows, small enough to read when shrunk. */
export function policyArb(options: PolicyOptions = {}): fc.Arbitrary<PolicySpec> {
  return rawPolicyArb(options.minPeople ?? 0).map(normalizePolicy);
}

const UNKNOWN_ACTIONS = ["agents:fly", "agent:run", "billing", "files:delete-all"] as const;
/** Resources some actions accept besides the catalog's (the decision API's contract). */
const ALSO_ACCEPTS: Partial<Record<string, readonly string[]>> = {
  "comments:create": ["file"],
  "files:upload": ["team_space"],
};

/** The actions permission sets decide on (docs/access-model.md §4). */
export const GOVERNED_BY_SETS: readonly string[] = [
  "models:use",
  "integrations:use",
  "agents:create",
  "files:upload",
  "knowledge-bases:read",
];

/**
 * Actions about one resource, or that members may do, come up three times as often as the admins'
 * org-wide ones (for anyone but an admin those are a plain ROLE), and those permission sets decide
 * on six times as often.
 */
const actionArb = (actions: readonly string[]) =>
  fc.oneof(
    ...actions.map((action) => {
      const spec = isAction(action) ? ACTIONS[action] : undefined;
      const adminOnly = spec !== undefined && spec.resource === "org" && !spec.roles.includes("member");
      return {
        weight: adminOnly ? 1 : GOVERNED_BY_SETS.includes(action) ? 6 : 3,
        arbitrary: fc.constant(action),
      };
    }),
  );

const rawCheckArb = (actions: readonly string[], unknownActions: boolean) =>
  fc.record({
    subject: fc.record({
      kind: weighted<"person" | "team" | "outsider" | "ghost" | "ghostTeam">(
        [20, "person"],
        [4, "team"],
        [1, "outsider"],
        [1, "ghost"],
        [1, "ghostTeam"],
      ),
      index: ref,
    }),
    action: unknownActions
      ? fc.oneof(
          { weight: 40, arbitrary: actionArb(actions) },
          { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ACTIONS) },
        )
      : actionArb(actions),
    resource: fc.record({
      mode: weighted<"id" | "key" | "unknown" | "wrongType" | "noRef">(
        [24, "id"],
        [8, "key"],
        [1, "unknown"],
        [1, "wrongType"],
        [1, "noRef"],
      ),
      index: ref,
      alternate: fc.boolean(),
    }),
    attributes: fc.record(
      {
        id: ref,
        ownerId: ref,
        teamSpaceId: ref,
        sharedWithUserIds: rows(ref, 2),
        sharedWithTeamIds: rows(ref, 2),
      },
      { requiredKeys: [] },
    ),
    context: fc.record(
      {
        sizeBytes: fc.constantFrom(0, 1024, 1025, 5000, 5001, 2_097_152, 2_097_153, 104_857_601),
        dataScope: fc.constantFrom(...DATA_SCOPES, "full_access", "delete_everything"),
        scope: fc.constantFrom(...AGENT_SCOPES),
        teamId: ref,
      },
      { requiredKeys: [] },
    ),
  });
type RawCheck = ReturnType<typeof rawCheckArb> extends fc.Arbitrary<infer T> ? T : never;

/** The symbols a check can name, by resource type. */
function resourcePool(policy: PolicySpec, type: string): readonly string[] {
  switch (type) {
    case "team":
      return ["default", ...policy.teams];
    case "agent":
      return policy.agents.map((a) => a.ref);
    case "context_file":
      return policy.contextFiles.map((c) => c.ref);
    case "knowledge_base":
      return policy.knowledgeBases.map((k) => k.key);
    case "integration":
      return policy.integrations.map((g) => g.key);
    case "model":
      return policy.models.map((m) => m.key);
    case "team_space":
      return policy.teamSpaces;
    default:
      return [];
  }
}

function resolveCheck(policy: PolicySpec, raw: RawCheck): CheckSpec {
  const members = ["admin", ...policy.people.map((p) => p.ref)];
  const teams = ["default", ...policy.teams];
  const users = [...members, "o0"];
  const s = raw.subject;
  const subject: CheckSpec["subject"] =
    s.kind === "person"
      ? { type: "user", id: pick(members, s.index) as string }
      : s.kind === "team"
        ? { type: "team", id: pick(teams, s.index) as string }
        : s.kind === "outsider"
          ? { type: "user", id: "o0" }
          : { type: s.kind === "ghost" ? "user" : "team", id: UNKNOWN };

  const known = isAction(raw.action);
  const accepted: readonly string[] = known
    ? [ACTIONS[raw.action as keyof typeof ACTIONS].resource, ...(ALSO_ACCEPTS[raw.action] ?? [])]
    : RESOURCE_TYPES;
  const { mode, index } = raw.resource;
  let type =
    (raw.resource.alternate ? accepted[1] : undefined) ?? (pick(accepted, known ? 0 : index) as string);
  let resource: CheckSpec["resource"];
  if (mode === "wrongType") {
    type = pick(
      RESOURCE_TYPES.filter((t) => !accepted.includes(t)),
      index,
    ) as string;
    resource = { type, id: UNKNOWN };
  } else if (mode === "unknown") {
    resource = { type, id: UNKNOWN };
  } else if (mode === "noRef") {
    resource = { type };
  } else if (type === "org") {
    resource = mode === "key" ? { type, id: "org" } : { type };
  } else if (type === "conversation" || type === "file") {
    const a = raw.attributes;
    const attributes = {
      ...(a.ownerId !== undefined && { ownerId: pick(users, a.ownerId) as string }),
      ...(a.teamSpaceId !== undefined &&
        policy.teamSpaces.length > 0 && {
          teamSpaceId: pick(policy.teamSpaces, a.teamSpaceId) as string,
        }),
      ...(a.sharedWithUserIds !== undefined && {
        sharedWithUserIds: a.sharedWithUserIds.map((i) => pick(users, i) as string),
      }),
      ...(a.sharedWithTeamIds !== undefined && {
        sharedWithTeamIds: a.sharedWithTeamIds.map((i) => pick(teams, i) as string),
      }),
    };
    resource = {
      type,
      ...(a.id !== undefined && { id: pick(EXTERNAL_IDS[type], a.id) as string }),
      attributes,
    };
  } else {
    const target = pick(resourcePool(policy, type), index);
    const byKey = mode === "key" && type !== "team" && type !== "context_file";
    resource =
      target === undefined ? { type, id: UNKNOWN } : byKey ? { type, key: target } : { type, id: target };
  }

  const c = raw.context;
  const context: NonNullable<CheckSpec["context"]> = {
    ...(c.sizeBytes !== undefined && { sizeBytes: c.sizeBytes }),
    ...(c.dataScope !== undefined && { dataScope: c.dataScope }),
    ...(c.scope !== undefined && { scope: c.scope }),
    ...(c.teamId !== undefined && { teamId: pick(teams, c.teamId) as string }),
  };
  return { subject, action: raw.action, resource, ...(Object.keys(context).length > 0 && { context }) };
}

const SIZES = [5000, 2_097_153, 104_857_601] as const;

/** Contexts worth trying for an action on a resource (only data scopes the integration defines). */
function contextsFor(
  policy: PolicySpec,
  action: string,
  target: string | null,
): (CheckSpec["context"] | undefined)[] {
  if (action === "files:upload") return [undefined, ...SIZES.map((sizeBytes) => ({ sizeBytes }))];
  if (action === "agents:create" || action === "context-files:create")
    return [
      undefined,
      { scope: "org" },
      ...["default", ...policy.teams].map((teamId) => ({ scope: "team" as const, teamId })),
    ];
  if (action === "integrations:use") {
    const scopes = policy.integrations.find((g) => g.key === target)?.dataScopes ?? [];
    return [undefined, ...["full_access", ...scopes].map((dataScope) => ({ dataScope }))];
  }
  return [undefined];
}

/** The AI product's conversations and files as checks describe them: ids and a few attribute sets. */
function externalResources(policy: PolicySpec, type: "conversation" | "file"): CheckSpec["resource"][] {
  const attributes: ReferenceAttributes[] = [
    {},
    ...policy.teamSpaces.map((teamSpaceId) => ({ teamSpaceId })),
    ...["default", ...policy.teams].map((team) => ({ sharedWithTeamIds: [team] })),
    ...policy.people.slice(0, 2).flatMap((p) => [{ ownerId: p.ref }, { sharedWithUserIds: [p.ref] }]),
  ];
  return [undefined, ...EXTERNAL_IDS[type]].flatMap((id) =>
    attributes.map((a) => ({ type, ...(id !== undefined && { id }), attributes: a })),
  );
}

/**
 * Every check worth asking of a policy: each subject (its people, the former member, its teams) ×
 * each action × each resource the action accepts × the contexts that matter for it. A few thousand
 * checks: the engine answers them in milliseconds, which makes "every check" literal.
 */
export function enumerateChecks(
  policy: PolicySpec,
  options: { subjects?: CheckSpec["subject"][]; actions?: readonly string[] } = {},
): CheckSpec[] {
  const subjects = options.subjects ?? [
    ...["admin", ...policy.people.map((p) => p.ref), "o0"].map((id) => ({ type: "user" as const, id })),
    ...["default", ...policy.teams].map((id) => ({ type: "team" as const, id })),
  ];
  const checks: CheckSpec[] = [];
  for (const action of options.actions ?? ACTION_NAMES) {
    const types = [ACTIONS[action as keyof typeof ACTIONS].resource, ...(ALSO_ACCEPTS[action] ?? [])];
    const resources = types.flatMap((type): CheckSpec["resource"][] =>
      type === "org"
        ? [{ type }]
        : type === "conversation" || type === "file"
          ? externalResources(policy, type)
          : resourcePool(policy, type).map((id) => ({ type, id })),
    );
    for (const resource of resources) {
      for (const context of contextsFor(policy, action, resource.id ?? null)) {
        for (const subject of subjects)
          checks.push({ subject, action, resource, ...(context !== undefined && { context }) });
      }
    }
  }
  return checks;
}

export type Scenario = { policy: PolicySpec; checks: CheckSpec[] };
export type ScenarioOptions = PolicyOptions & {
  checks: { minLength?: number; maxLength: number };
  /** The actions checks draw from (default: the whole catalog, and a few unknown ones). */
  actions?: readonly string[];
};

/** A random policy with random checks against it (the checks name its people, teams and resources). */
export function scenarioArb(options: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .tuple(
      rawPolicyArb(options.minPeople ?? 0),
      fc.array(rawCheckArb(options.actions ?? ACTION_NAMES, options.actions === undefined), {
        minLength: options.checks.minLength ?? 1,
        maxLength: options.checks.maxLength,
        // Many checks per policy: writing a policy costs more than checking it.
        size: "max",
      }),
    )
    .map(([raw, rawChecks]) => {
      const policy = normalizePolicy(raw);
      return { policy, checks: rawChecks.map((c) => resolveCheck(policy, c)) };
    });
}

/** The policy without its empty parts, one field a line: what a failing property prints. */
export function describePolicy(policy: PolicySpec): string {
  return Object.entries(policy)
    .filter(([, value]) => !(Array.isArray(value) && value.length === 0))
    .map(([field, value]) => `  ${field}: ${JSON.stringify(value)}`)
    .join("\n");
}

/** A policy written to the database: its symbols' ids, and checks in the engine's terms. */
export type World = {
  orgId: string;
  nowMs: number;
  /** The id a symbol stands for (external file and conversation ids stand for themselves). */
  real(symbol: string): string;
  emailOf(person: string): string;
  input(check: CheckSpec): ReferenceCheck;
};

let passwordHash: Promise<string> | undefined;

/**
 * Inserts a generated policy into the org of `t.setupOrg()` (whose admin is `admin` and whose team is
 * `default`) in one transaction that bumps the org's access version, as every access change does.
 */
export async function writePolicy(t: TestApp, org: OrgFixture, policy: PolicySpec): Promise<World> {
  passwordHash ??= testHasher.hash(DEFAULT_PASSWORD);
  const hash = await passwordHash;
  const nowMs = t.clock.now().getTime();
  const at = (offsetMs: number) => new Date(nowMs + offsetMs).toISOString();
  const now = at(0);
  const ids = new Map<string, string>([
    ["admin", org.admin.userId],
    ["default", org.defaultTeamId],
    ["org", org.orgId],
    [UNKNOWN, UNKNOWN_ID],
  ]);
  const emails = new Map<string, string>([["admin", org.admin.email]]);
  const symbols = [
    ...policy.people.map((p) => p.ref),
    "o0",
    ...policy.teams,
    ...policy.agents.map((a) => a.ref),
    ...policy.teamSpaces,
    ...policy.projects.map((p) => p.ref),
    ...policy.permissionSets.map((s) => s.ref),
    ...policy.models.map((m) => m.key),
    ...policy.integrations.map((g) => g.key),
    ...policy.knowledgeBases.map((k) => k.key),
    ...policy.contextFiles.map((c) => c.ref),
  ];
  for (const symbol of symbols) ids.set(symbol, newId());
  const real = (symbol: string) => ids.get(symbol) ?? symbol;
  const orNullId = (symbol: string | null) => (symbol === null ? null : real(symbol));
  const orgId = org.orgId;

  await inTransaction(t.deps.db, async (trx: Trx) => {
    const users = [...policy.people.map((p) => p.ref), "o0"];
    for (const user of users) emails.set(user, uniqueEmail(user));
    await trx
      .insertInto("users")
      .values(
        users.map((user) => ({
          id: real(user),
          email: emails.get(user) as string,
          name: user,
          password_hash: hash,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    if (policy.people.length > 0)
      await trx
        .insertInto("memberships")
        .values(
          policy.people.map((p) => ({
            id: newId(),
            org_id: orgId,
            user_id: real(p.ref),
            role: p.role,
            department: p.department,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.teams.length > 0)
      await trx
        .insertInto("teams")
        .values(
          policy.teams.map((team) => ({
            id: real(team),
            org_id: orgId,
            name: `Team ${team}`,
            name_key: `team ${team}`,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.teamMembers.length > 0)
      await trx
        .insertInto("team_memberships")
        .values(
          policy.teamMembers.map((m) => ({
            team_id: real(m.team),
            user_id: real(m.person),
            org_id: orgId,
            role: m.role,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.agents.length > 0)
      await trx
        .insertInto("agents")
        .values(
          policy.agents.map((a) => ({
            id: real(a.ref),
            org_id: orgId,
            key: a.ref,
            name: a.ref,
            description: null,
            scope: a.scope,
            owner_user_id: orNullId(a.owner),
            team_id: orNullId(a.team),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.agentShares.length > 0)
      await trx
        .insertInto("agent_shares")
        .values(
          policy.agentShares.map((s) => ({
            agent_id: real(s.agent),
            team_id: real(s.team),
            org_id: orgId,
            level: s.level,
            created_at: now,
          })),
        )
        .execute();
    if (policy.contextFiles.length > 0)
      await trx
        .insertInto("context_files")
        .values(
          policy.contextFiles.map((c) => ({
            id: real(c.ref),
            org_id: orgId,
            name: c.ref,
            description: null,
            scope: c.scope,
            owner_user_id: orNullId(c.owner),
            team_id: orNullId(c.team),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.knowledgeBases.length > 0)
      await trx
        .insertInto("knowledge_bases")
        .values(
          policy.knowledgeBases.map((k) => ({
            id: real(k.key),
            org_id: orgId,
            key: k.key,
            name: k.key,
            visibility: k.visibility,
            department: k.department,
            team_id: orNullId(k.team),
            owner_user_id: orNullId(k.owner),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.integrations.length > 0)
      await trx
        .insertInto("integrations")
        .values(
          policy.integrations.map((g) => ({
            id: real(g.key),
            org_id: orgId,
            key: g.key,
            name: g.key,
            data_scopes: JSON.stringify(g.dataScopes),
            status: g.enabled ? ("enabled" as const) : ("disabled" as const),
            audience: g.audience,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.integrationShares.length > 0)
      await trx
        .insertInto("integration_shares")
        .values(
          policy.integrationShares.map((s) => ({
            integration_id: real(s.integration),
            team_id: real(s.team),
            org_id: orgId,
            data_scope: s.dataScope,
            created_at: now,
          })),
        )
        .execute();
    if (policy.models.length > 0)
      await trx
        .insertInto("models")
        .values(
          policy.models.map((m) => ({
            id: real(m.key),
            org_id: orgId,
            key: m.key,
            name: m.key,
            provider: null,
            status: m.enabled ? ("enabled" as const) : ("disabled" as const),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.teamSpaces.length > 0)
      await trx
        .insertInto("team_spaces")
        .values(
          policy.teamSpaces.map((space) => ({
            id: real(space),
            org_id: orgId,
            key: space,
            name: space,
            description: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.spaceAccess.length > 0)
      await trx
        .insertInto("team_space_access")
        .values(
          policy.spaceAccess.map((a) => ({
            team_space_id: real(a.space),
            team_id: real(a.team),
            org_id: orgId,
            level: a.level,
            reach: a.reach,
          })),
        )
        .execute();
    if (policy.spaceResources.length > 0)
      await trx
        .insertInto("team_space_resources")
        .values(
          policy.spaceResources.map((r) => ({
            team_space_id: real(r.space),
            org_id: orgId,
            resource_type: r.type,
            resource_id: real(r.ref),
          })),
        )
        .execute();
    if (policy.spaceListed.length > 0)
      await trx
        .insertInto("team_space_access_resources")
        .values(
          policy.spaceListed.map((l) => ({
            team_space_id: real(l.space),
            team_id: real(l.team),
            org_id: orgId,
            resource_type: l.type,
            resource_id: real(l.ref),
          })),
        )
        .execute();
    if (policy.projects.length > 0)
      await trx
        .insertInto("projects")
        .values(
          policy.projects.map((p) => ({
            id: real(p.ref),
            org_id: orgId,
            name: p.ref,
            description: null,
            starts_at: at(p.startsInMs),
            ends_at: at(p.endsInMs),
            ended_at: p.endedInMs === null ? null : at(p.endedInMs),
            created_by: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.projectMembers.length > 0)
      await trx
        .insertInto("project_members")
        .values(
          policy.projectMembers.map((m) => ({
            project_id: real(m.project),
            org_id: orgId,
            member_type: m.type,
            member_ref: m.type === "department" ? m.ref : real(m.ref),
          })),
        )
        .execute();
    if (policy.projectResources.length > 0)
      await trx
        .insertInto("project_resources")
        .values(
          policy.projectResources.map((r) => ({
            project_id: real(r.project),
            org_id: orgId,
            resource_type: r.type,
            resource_id: real(r.ref),
          })),
        )
        .execute();
    if (policy.permissionSets.length > 0)
      await trx
        .insertInto("permission_sets")
        .values(
          policy.permissionSets.map((s) => ({
            id: real(s.ref),
            org_id: orgId,
            key: s.ref,
            name: s.ref,
            description: null,
            kind: s.kind,
            rules: JSON.stringify(s.rules),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    if (policy.assignments.length > 0)
      await trx
        .insertInto("permission_set_assignments")
        .values(
          policy.assignments.map((a) => ({
            set_id: real(a.set),
            org_id: orgId,
            target_type: a.type,
            target_id: a.type === "department" ? a.ref : real(a.ref),
            created_at: now,
          })),
        )
        .execute();
    await trx
      .updateTable("orgs")
      .set({ default_upload_limit_bytes: policy.defaultUploadLimitBytes })
      .where("id", "=", orgId)
      .execute();
    await bumpAccessVersion(trx, orgId);
  });

  return {
    orgId,
    nowMs,
    real,
    emailOf: (person) => emails.get(person) as string,
    input(check) {
      const { resource: r, context: c } = check;
      const a = r.attributes;
      return {
        subject: { type: check.subject.type, id: real(check.subject.id) },
        action: check.action,
        resource: {
          type: r.type,
          ...(r.id !== undefined && { id: real(r.id) }),
          ...(r.key !== undefined && { key: r.key }),
          ...(a !== undefined && {
            attributes: {
              ...(a.ownerId !== undefined && { ownerId: real(a.ownerId) }),
              ...(a.teamSpaceId !== undefined && { teamSpaceId: real(a.teamSpaceId) }),
              ...(a.sharedWithUserIds !== undefined && { sharedWithUserIds: a.sharedWithUserIds.map(real) }),
              ...(a.sharedWithTeamIds !== undefined && { sharedWithTeamIds: a.sharedWithTeamIds.map(real) }),
            },
          }),
        },
        ...(c !== undefined && {
          context: { ...c, ...(c.teamId !== undefined && { teamId: real(c.teamId) }) },
        }),
      };
    },
  };
}

/**
 * How many random policies a property tries: PROPERTY_RUNS when set (a long soak, or a quick look),
 * otherwise a default per database that keeps each file well under a minute on two cores.
 */
export function propertyRuns(defaults: { sqlite: number; postgres: number }): number {
  const fromEnv = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaults[TEST_DIALECT];
}

/** PROPERTY_SEED replays the run a failure printed (fast-check prints its seed and path). */
export function propertySeed(): { seed?: number } {
  const seed = Number(process.env.PROPERTY_SEED);
  return process.env.PROPERTY_SEED && Number.isInteger(seed) ? { seed } : {};
}
