import { AppError } from "../errors.js";
import { teamNameKey } from "../team-names.js";
import { FULL_ACCESS_SCOPE, SHARE_LEVELS, type ShareLevel } from "./policy-data.js";

/**
 * The mixus seed's "Resource Sharing Configuration", accepted exactly as written:
 *
 * ```json
 * { "shared_agents": { "customer_support_bot": { "access": ["support", "sales", "leadership"],
 *     "permissions": { "support": "full", "sales": "run_only", "leadership": "view_only" } } },
 *   "shared_integrations": { "salesforce": { "access": ["sales", "marketing", "support"],
 *     "data_scope": { "sales": "full_access", "marketing": "read_leads", "support": "read_customers" } } } }
 * ```
 *
 * Agents and integrations are named by key, teams by name (without regard to case). Each named
 * resource's shares are replaced by exactly the teams in its `access` list; resources the document
 * does not name keep theirs. Every problem in a document is reported at once, so one round trip tells
 * the admin everything to fix.
 */
export type SharingDocument = {
  shared_agents: Record<string, { access: string[]; permissions: Record<string, ShareLevel> }>;
  shared_integrations: Record<string, { access: string[]; data_scope: Record<string, string> }>;
};

/** What the document's names are resolved against: the org's agents, integrations and teams. */
export type SharingCatalog = {
  agents: readonly { id: string; key: string }[];
  integrations: readonly { id: string; key: string; dataScopes: readonly string[] }[];
  teams: readonly { id: string; name: string }[];
};

export type ResolvedSharing = {
  agents: { agentId: string; key: string; shares: { teamId: string; level: ShareLevel }[] }[];
  integrations: {
    integrationId: string;
    key: string;
    shares: { teamId: string; dataScope: string }[];
  }[];
};

/** The current shares, as the loader reads them, for `toSharingDocument`. */
export type CurrentSharing = {
  agents: readonly { key: string; shares: readonly { teamName: string; level: ShareLevel }[] }[];
  integrations: readonly {
    key: string;
    shares: readonly { teamName: string; dataScope: string }[];
  }[];
};

const TOP_LEVEL = ["shared_agents", "shared_integrations"] as const;
const MAX_TEAM_NAME = 200;

/** What to do about names a sharing document uses that the org does not have. */
export const MISSING_NAMES_HINT =
  "Create what is missing first (agents and integrations by their key, teams by name) or take it out of the document.";

function resourceKey(key: string): string {
  return key.trim().toLowerCase();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Problems = {
  list: string[];
  agents: Set<string>;
  integrations: Set<string>;
  teams: Set<string>;
  dataScopes: Set<string>;
  levels: Set<string>;
};

/**
 * One resource's `access` list and its level map (`permissions` for agents, `data_scope` for
 * integrations), checked against each other: every team in access needs a level, every level a team
 * in access, no team twice. Returns team name → level, in access order.
 */
function accessEntries(
  entry: Record<string, unknown>,
  where: string,
  levelsField: "permissions" | "data_scope",
  problems: Problems,
): { name: string; value: string }[] {
  const unknown = Object.keys(entry).filter((field) => field !== "access" && field !== levelsField);
  if (unknown.length > 0) {
    problems.list.push(
      `${where} has unknown field(s) ${unknown.join(", ")}; it takes "access" and "${levelsField}"`,
    );
  }
  const access = entry.access;
  if (
    !Array.isArray(access) ||
    !access.every((name) => typeof name === "string" && name.trim() !== "" && name.length <= MAX_TEAM_NAME)
  ) {
    problems.list.push(`${where}.access must be a list of team names, e.g. ["support", "sales"]`);
    return [];
  }
  const levels = entry[levelsField] ?? {};
  if (!isPlainObject(levels)) {
    problems.list.push(`${where}.${levelsField} must be an object of team name → value`);
    return [];
  }
  const levelByTeam = new Map<string, { written: string; value: unknown }>();
  for (const [name, value] of Object.entries(levels)) {
    const key = teamNameKey(name);
    if (levelByTeam.has(key)) problems.list.push(`${where}.${levelsField} names the team "${name}" twice`);
    levelByTeam.set(key, { written: name, value });
  }
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const name of access as string[]) {
    const key = teamNameKey(name);
    if (seen.has(key)) {
      problems.list.push(`${where}.access lists the team "${name}" twice`);
      continue;
    }
    seen.add(key);
    const level = levelByTeam.get(key);
    if (level === undefined) {
      problems.list.push(
        `${where}.access lists "${name}" without a ${levelsField === "permissions" ? "level" : "data scope"} in ${levelsField}`,
      );
      continue;
    }
    if (typeof level.value !== "string" || level.value.trim() === "") {
      problems.list.push(`${where}.${levelsField}.${level.written} must be a string`);
      continue;
    }
    out.push({ name: name.trim(), value: level.value.trim() });
  }
  for (const [key, { written }] of levelByTeam) {
    if (!seen.has(key)) {
      problems.list.push(`${where}.${levelsField} names "${written}", which is not in access`);
    }
  }
  return out;
}

function section(
  document: Record<string, unknown>,
  field: (typeof TOP_LEVEL)[number],
  problems: Problems,
): [string, Record<string, unknown>][] {
  const value = document[field];
  if (value === undefined) return [];
  if (!isPlainObject(value)) {
    problems.list.push(
      `${field} must be an object keyed by ${field === "shared_agents" ? "agent" : "integration"} key`,
    );
    return [];
  }
  const out: [string, Record<string, unknown>][] = [];
  const seen = new Set<string>();
  for (const [key, entry] of Object.entries(value)) {
    const where = `${field}.${key}`;
    if (seen.has(resourceKey(key))) problems.list.push(`${field} names "${key}" twice`);
    seen.add(resourceKey(key));
    if (!isPlainObject(entry)) {
      problems.list.push(
        `${where} must be an object with "access" and "${field === "shared_agents" ? "permissions" : "data_scope"}"`,
      );
      continue;
    }
    out.push([key, entry]);
  }
  return out;
}

function resolveTeam(
  name: string,
  teams: ReadonlyMap<string, { id: string; name: string }>,
  problems: Problems,
): string | null {
  const team = teams.get(teamNameKey(name));
  if (!team) {
    problems.teams.add(name);
    return null;
  }
  return team.id;
}

/**
 * Parses and checks a sharing document against the org's catalog. Throws one VALIDATION_FAILED that
 * lists every problem: malformed entries, a team in `access` without a level or data scope, unknown
 * levels, and every unknown agent key, integration key, team name and data scope.
 */
export function resolveSharingDocument(document: unknown, catalog: SharingCatalog): ResolvedSharing {
  if (!isPlainObject(document)) {
    throw new AppError("VALIDATION_FAILED", {
      message:
        'Send the sharing document as a JSON object: {"shared_agents": {...}, "shared_integrations": {...}}.',
    });
  }
  const problems: Problems = {
    list: [],
    agents: new Set(),
    integrations: new Set(),
    teams: new Set(),
    dataScopes: new Set(),
    levels: new Set(),
  };
  const unknownFields = Object.keys(document).filter(
    (field) => !(TOP_LEVEL as readonly string[]).includes(field),
  );
  if (unknownFields.length > 0) {
    problems.list.push(
      `unknown field(s) ${unknownFields.join(", ")}; the document takes shared_agents and shared_integrations`,
    );
  }
  const teams = new Map(catalog.teams.map((team) => [teamNameKey(team.name), team]));
  const agents = new Map(catalog.agents.map((agent) => [resourceKey(agent.key), agent]));
  const integrations = new Map(catalog.integrations.map((i) => [resourceKey(i.key), i]));
  const resolved: ResolvedSharing = { agents: [], integrations: [] };

  for (const [key, entry] of section(document, "shared_agents", problems)) {
    const where = `shared_agents.${key}`;
    const agent = agents.get(resourceKey(key));
    if (!agent) problems.agents.add(key);
    const shares: { teamId: string; level: ShareLevel }[] = [];
    for (const { name, value } of accessEntries(entry, where, "permissions", problems)) {
      const teamId = resolveTeam(name, teams, problems);
      if (!(SHARE_LEVELS as readonly string[]).includes(value)) {
        problems.levels.add(value);
        problems.list.push(`${where}.permissions.${name} is "${value}"; use full, run_only or view_only`);
        continue;
      }
      if (teamId !== null) shares.push({ teamId, level: value as ShareLevel });
    }
    if (agent) resolved.agents.push({ agentId: agent.id, key: agent.key, shares });
  }

  for (const [key, entry] of section(document, "shared_integrations", problems)) {
    const where = `shared_integrations.${key}`;
    const integration = integrations.get(resourceKey(key));
    if (!integration) problems.integrations.add(key);
    const shares: { teamId: string; dataScope: string }[] = [];
    for (const { name, value } of accessEntries(entry, where, "data_scope", problems)) {
      const teamId = resolveTeam(name, teams, problems);
      if (integration && value !== FULL_ACCESS_SCOPE && !integration.dataScopes.includes(value)) {
        problems.dataScopes.add(`${integration.key}:${value}`);
        continue;
      }
      if (teamId !== null) shares.push({ teamId, dataScope: value });
    }
    if (integration)
      resolved.integrations.push({ integrationId: integration.id, key: integration.key, shares });
  }

  const unknownNames = [
    problems.agents.size > 0 && `unknown agent key(s): ${[...problems.agents].join(", ")}`,
    problems.integrations.size > 0 && `unknown integration key(s): ${[...problems.integrations].join(", ")}`,
    problems.teams.size > 0 && `unknown team name(s): ${[...problems.teams].join(", ")}`,
    problems.dataScopes.size > 0 &&
      `unknown data scope(s): ${[...problems.dataScopes].join(", ")} (each integration takes full_access or one of its own scopes)`,
  ].filter((p): p is string => typeof p === "string");
  const all = [...unknownNames, ...problems.list];
  if (all.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The sharing document was not applied, and nothing changed: ${all.join("; ")}.${unknownNames.length > 0 ? ` ${MISSING_NAMES_HINT}` : ""}`,
      details: {
        problems: all,
        unknown: {
          agents: [...problems.agents],
          integrations: [...problems.integrations],
          teams: [...problems.teams],
          dataScopes: [...problems.dataScopes],
          levels: [...problems.levels],
        },
      },
    });
  }
  return resolved;
}

/** The current shares in the seed's format: what GET /sharing returns and PUT /sharing accepts back. */
export function toSharingDocument(current: CurrentSharing): SharingDocument {
  const document: SharingDocument = { shared_agents: {}, shared_integrations: {} };
  for (const agent of current.agents) {
    if (agent.shares.length === 0) continue;
    document.shared_agents[agent.key] = {
      access: agent.shares.map((s) => s.teamName),
      permissions: Object.fromEntries(agent.shares.map((s) => [s.teamName, s.level])),
    };
  }
  for (const integration of current.integrations) {
    if (integration.shares.length === 0) continue;
    document.shared_integrations[integration.key] = {
      access: integration.shares.map((s) => s.teamName),
      data_scope: Object.fromEntries(integration.shares.map((s) => [s.teamName, s.dataScope])),
    };
  }
  return document;
}
