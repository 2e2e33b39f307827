import type { OrgRole, TeamRole } from "../roles.js";
import type { Action } from "./catalog.js";
import type { Decision, Via } from "./decision.js";
import { type CheckContext, decideFor, type ResolvedResource } from "./evaluate.js";
import { rulesToSeed } from "./permission-sets.js";
import {
  type ExternalKind,
  isProjectActive,
  type Policy,
  type Principal,
  projectStatusAt,
  rulesOf,
} from "./policy.js";

type Reached = { id: string; key?: string; name: string; actions: Action[]; via: Via[]; expiresAt?: string };

/** Everything one person can reach in the org, and why: the member access page and GET …/access. */
export type AccessReport = {
  userId: string | null;
  name: string;
  role: OrgRole;
  department: string | null;
  teams: { teamId: string; name: string; role: TeamRole }[];
  permissionSets: {
    setId: string;
    key: string;
    name: string;
    from: string;
    rules: ReturnType<typeof rulesToSeed>;
  }[];
  agentCreation: { allowed: boolean; code: string; message: string };
  uploadLimitBytes: number | null;
  orgActions: Action[];
  agents: Reached[];
  models: Reached[];
  integrations: (Reached & { dataScope: string | null })[];
  knowledgeBases: Reached[];
  contextFiles: Reached[];
  teamSpaces: (Reached & { level: "view" | "full" })[];
  /**
   * The AI product's files and chats that Gatehouse knows by id (held by a team space or a project)
   * and this person reaches, and why. Others are decided from the attributes sent with each check.
   */
  files: ({ type: ExternalKind; id: string } & Pick<Reached, "actions" | "via" | "expiresAt">)[];
  projects: {
    projectId: string;
    name: string;
    startsAt: string;
    endsAt: string;
    active: boolean;
    status: "scheduled" | "active" | "ended" | "expired";
  }[];
};

const ORG_ACTIONS: Action[] = [
  "billing:manage",
  "members:invite",
  "members:remove",
  "sso:configure",
  "security:configure",
  "analytics:view",
  "integrations:manage",
  "policies:configure",
  "credentials:manage",
  "licenses:manage",
  "decisions:check",
  "agents:manage-all",
  "conversations:access-all",
  "files:access-all",
  "models:configure",
  "knowledge-bases:manage",
  "knowledge-bases:create",
  "api-keys:manage-own",
  "notifications:receive",
];

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function reportAccess(policy: Policy, principal: Principal, nowMs: number): AccessReport {
  const decide = (action: Action, resource: ResolvedResource, context: CheckContext = {}) =>
    decideFor(policy, principal, action, resource, context, nowMs);
  const collect = <E extends { id: string; name: string; key?: string }>(
    entries: Iterable<E>,
    type: ResolvedResource["type"],
    actions: Action[],
  ): Reached[] => {
    const out: Reached[] = [];
    for (const entry of entries) {
      const reached = reachOf(decide, actions, { type, entry } as ResolvedResource);
      if (reached)
        out.push({
          id: entry.id,
          ...(entry.key !== undefined && { key: entry.key }),
          name: entry.name,
          ...reached,
        });
    }
    // By name, as a person scans a list, whatever order the policy holds the resources in.
    return out.sort(byName);
  };

  const rules = rulesOf(policy, principal);
  const creation = decide("agents:create", { type: "org" });
  const integrations = collect(policy.integrations.values(), "integration", ["integrations:use"]).map(
    (reached) => {
      const share = reached.via.find((v) => v.type === "share");
      return { ...reached, dataScope: share?.type === "share" ? (share.dataScope ?? null) : null };
    },
  );
  const teamSpaces = collect(policy.teamSpaces.values(), "team_space", [
    "team-spaces:join",
    "team-spaces:view",
  ]).map((r) => ({
    ...r,
    level: r.actions.includes("team-spaces:join") ? ("full" as const) : ("view" as const),
  }));
  return {
    userId: principal.userId,
    name: principal.name,
    role: principal.role,
    department: principal.department,
    teams: [...principal.teamRoles].map(([teamId, role]) => ({
      teamId,
      name: policy.teams.get(teamId)?.name ?? "",
      role,
    })),
    permissionSets: principal.sets.flatMap(({ id, source }) => {
      const set = policy.sets.get(id);
      if (!set) return [];
      const from =
        source.type === "department"
          ? `department ${source.department}`
          : source.type === "team"
            ? `team ${policy.teams.get(source.teamId)?.name ?? ""}`
            : "assigned to them";
      return [{ setId: id, key: set.key, name: set.name, from, rules: rulesToSeed(set.rules) }];
    }),
    agentCreation: {
      allowed: creation.allowed,
      code: creation.reason.code,
      message: creation.reason.message,
    },
    uploadLimitBytes:
      principal.role === "admin" ? null : (rules.fileUploadLimit?.bytes ?? policy.defaultUploadLimitBytes),
    orgActions: ORG_ACTIONS.filter((action) => decide(action, { type: "org" }).allowed),
    agents: collect(policy.agents.values(), "agent", [
      "agents:view",
      "agents:run",
      "agents:edit",
      "agents:share",
    ]),
    models: collect(policy.models.values(), "model", ["models:use"]),
    integrations,
    knowledgeBases: collect(policy.knowledgeBases.values(), "knowledge_base", [
      "knowledge-bases:read",
      "knowledge-bases:edit",
    ]),
    contextFiles: collect(policy.contextFiles.values(), "context_file", [
      "context-files:read",
      "context-files:edit",
    ]),
    teamSpaces,
    files: reachedFiles(policy, decide),
    projects: principal.projectIds.flatMap((id) => {
      const project = policy.projects.get(id);
      if (!project) return [];
      const endsAtMs = project.endedAtMs ?? project.endsAtMs;
      return [
        {
          projectId: id,
          name: project.name,
          startsAt: new Date(project.startsAtMs).toISOString(),
          endsAt: new Date(endsAtMs).toISOString(),
          active: isProjectActive(project, nowMs),
          status: projectStatusAt(project, nowMs),
        },
      ];
    }),
  };
}

const EXTERNAL_ACTIONS: Record<ExternalKind, Action[]> = {
  file: ["files:view", "files:analyze"],
  conversation: ["conversations:view", "conversations:participate"],
};

/** One action on one resource, decided for the person the report is about. */
type Decide = (action: Action, resource: ResolvedResource) => Decision;

/** What a person may do with one resource, and the grant behind the first allowed action; null for nothing. */
function reachOf(
  decide: Decide,
  actions: readonly Action[],
  resource: ResolvedResource,
): Pick<Reached, "actions" | "via" | "expiresAt"> | null {
  const allowed = actions
    .map((action) => ({ action, decision: decide(action, resource) }))
    .filter((d) => d.decision.allowed);
  const first = allowed[0]?.decision;
  if (!first) return null;
  return {
    actions: allowed.map((d) => d.action),
    via: first.via,
    ...(first.expiresAt !== undefined && { expiresAt: first.expiresAt }),
  };
}

/** Files and chats of team spaces and projects that the person reaches, by id, as a check naming only the id is decided. */
function reachedFiles(policy: Policy, decide: Decide): AccessReport["files"] {
  const out: AccessReport["files"] = [];
  for (const [id, type] of policy.externalKinds) {
    const reached = reachOf(decide, EXTERNAL_ACTIONS[type], { type, id, attributes: {} });
    if (reached) out.push({ type, id, ...reached });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.type < b.type ? -1 : 1));
}
