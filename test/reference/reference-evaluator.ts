import type { Db } from "../../src/db/client.js";
import { ACTIONS, type Action, isAction, type ResourceType } from "../../src/domain/access/catalog.js";
import type { ReasonCode } from "../../src/domain/access/decision.js";
import { type PermissionSetRules, rulesFromSeed } from "../../src/domain/access/permission-sets.js";
import { departmentKey, FULL_ACCESS_SCOPE } from "../../src/domain/access/policy-data.js";
import type { OrgRole, TeamRole } from "../../src/domain/roles.js";

/**
 * A second, deliberately slow implementation of docs/access-model.md: every check reads the tables
 * it needs with its own queries and applies the rule book's sentences one by one. It shares nothing
 * with the engine but the catalog (the role ceilings are data) and the parser of the seed's JSON, so
 * that the property tests compare two readings of the same rules, not one reading with itself.
 */

export type ReferenceSubject = { type: "user" | "team"; id: string };
export type ReferenceAttributes = {
  ownerId?: string;
  teamSpaceId?: string;
  sharedWithUserIds?: readonly string[];
  sharedWithTeamIds?: readonly string[];
};
export type ReferenceResource = { type: string; id?: string; key?: string; attributes?: ReferenceAttributes };
export type ReferenceContext = {
  sizeBytes?: number;
  dataScope?: string;
  scope?: "personal" | "team" | "org";
  teamId?: string;
};
export type ReferenceCheck = {
  subject: ReferenceSubject;
  action: string;
  resource: ReferenceResource;
  context?: ReferenceContext;
};
export type ReferenceAnswer = { allowed: boolean; code: ReasonCode };

/** §6: an unknown action or resource, or a resource of the wrong type, is an error, never an answer. */
export class ReferenceCheckError extends Error {
  readonly code: "UNKNOWN_ACTION" | "UNKNOWN_RESOURCE" | "VALIDATION_FAILED";
  constructor(code: ReferenceCheckError["code"], message: string) {
    super(message);
    this.name = "ReferenceCheckError";
    this.code = code;
  }
}

/** Resources an action accepts besides the catalog's: a comment on a file, an upload into a team space. */
const ALSO_ACCEPTS: Partial<Record<Action, readonly ResourceType[]>> = {
  "comments:create": ["file"],
  "files:upload": ["team_space"],
};

/** Who asks: a person, or a team acting through its key (§Subjects: a plain member of that one team). */
type Who = { userId: string | null; role: OrgRole; department: string | null; teams: Map<string, TeamRole> };

type Row = { id: string; [column: string]: unknown };

const ALLOWED: ReferenceAnswer = { allowed: true, code: "ALLOWED" };
const deny = (code: Exclude<ReasonCode, "ALLOWED">): ReferenceAnswer => ({ allowed: false, code });
const verdict = (ok: boolean, code: Exclude<ReasonCode, "ALLOWED"> = "NO_ACCESS") =>
  ok ? ALLOWED : deny(code);

export async function referenceDecide(
  db: Db,
  orgId: string,
  check: ReferenceCheck,
  nowMs: number,
): Promise<ReferenceAnswer> {
  if (!isAction(check.action)) throw new ReferenceCheckError("UNKNOWN_ACTION", check.action);
  const action = check.action;
  const resource = await findResource(db, orgId, action, check.resource);
  const context = check.context ?? {};
  const who = await findSubject(db, orgId, check.subject);
  if (who === null) return deny("NOT_A_MEMBER");
  const r = new Reader(db, orgId, who, nowMs);

  // §1: the role is the ceiling; team roles lift members (never viewers) inside their own team.
  const spec: { roles: readonly OrgRole[]; teamRoles?: readonly TeamRole[] } = ACTIONS[action];
  if (!spec.roles.includes(who.role)) {
    if (spec.teamRoles === undefined || who.role === "viewer") return deny("ROLE");
    const team = resource.type === "team" ? resource.row.id : null;
    const teamRole = team === null ? undefined : who.teams.get(team);
    return verdict(teamRole !== undefined && spec.teamRoles.includes(teamRole), "TEAM_ROLE_REQUIRED");
  }

  // §2: admins may do everything within their role; only a disabled model or integration is refused.
  if (who.role === "admin") {
    if ((resource.type === "model" || resource.type === "integration") && resource.row.status !== "enabled")
      return deny("DISABLED");
    if (resource.type === "integration") requireKnownDataScope(resource.row, context);
    return ALLOWED;
  }

  switch (resource.type) {
    case "org":
      return decideOrgAction(r, action, context);
    case "team":
      return ALLOWED;
    case "agent":
      return decideAgent(r, action, resource.row);
    case "context_file":
      return decideContextFile(who, action, resource.row);
    case "knowledge_base":
      return decideKnowledgeBase(r, action, resource.row);
    case "model":
      return decideModel(r, resource.row);
    case "integration":
      return decideIntegration(r, resource.row, context);
    case "team_space":
      return action === "files:upload"
        ? decideUpload(r, context, resource.row.id)
        : decideTeamSpace(r, action, resource.row.id);
    default:
      return decideExternal(r, action, resource.type, resource.id, resource.attributes);
  }
}

type Found =
  | { type: "org" }
  | { type: Exclude<ResourceType, "org" | "conversation" | "file">; row: Row }
  | { type: "conversation" | "file"; id: string | null; attributes: ReferenceAttributes };

async function findResource(db: Db, orgId: string, action: Action, ref: ReferenceResource): Promise<Found> {
  const accepted: readonly string[] = [ACTIONS[action].resource, ...(ALSO_ACCEPTS[action] ?? [])];
  if (!accepted.includes(ref.type))
    throw new ReferenceCheckError("VALIDATION_FAILED", `${action} is not about a ${ref.type}`);
  const type = ref.type as ResourceType;
  if (type === "org") {
    if (ref.id !== undefined && ref.id !== orgId) throw new ReferenceCheckError("UNKNOWN_RESOURCE", ref.id);
    return { type };
  }
  if (type === "conversation" || type === "file")
    return { type, id: ref.id ?? null, attributes: ref.attributes ?? {} };
  const hasKey = type !== "team" && type !== "context_file";
  if (ref.id === undefined && (ref.key === undefined || !hasKey))
    throw new ReferenceCheckError("VALIDATION_FAILED", `no id${hasKey ? " or key" : ""} for the ${type}`);
  const table = (
    {
      team: "teams",
      agent: "agents",
      context_file: "context_files",
      knowledge_base: "knowledge_bases",
      integration: "integrations",
      model: "models",
      team_space: "team_spaces",
    } as const
  )[type];
  // Every one of these tables has id and org_id, and those named by key a key: one query shape serves all.
  const query = db
    .selectFrom(table as "agents")
    .selectAll()
    .where("org_id", "=", orgId);
  const row = (await (ref.id !== undefined
    ? query.where("id", "=", ref.id)
    : query.where("key", "=", ref.key as string)
  ).executeTakeFirst()) as Row | undefined;
  if (row === undefined) throw new ReferenceCheckError("UNKNOWN_RESOURCE", ref.id ?? ref.key ?? "");
  return { type, row };
}

/**
 * Not in the rule book (see the report of the property tests): the engine treats a data scope the
 * integration does not define as an invalid check, like a resource of the wrong type (§6).
 */
function requireKnownDataScope(integration: Row, context: ReferenceContext): void {
  const asked = context.dataScope;
  if (asked === undefined || asked === FULL_ACCESS_SCOPE) return;
  const scopes = JSON.parse(integration.data_scopes as string) as string[];
  if (!scopes.includes(asked)) throw new ReferenceCheckError("VALIDATION_FAILED", `no data scope ${asked}`);
}

async function findSubject(db: Db, orgId: string, subject: ReferenceSubject): Promise<Who | null> {
  if (subject.type === "team") {
    const team = await db
      .selectFrom("teams")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", subject.id)
      .executeTakeFirst();
    if (team === undefined) throw new ReferenceCheckError("UNKNOWN_RESOURCE", subject.id);
    return { userId: null, role: "member", department: null, teams: new Map([[team.id, "member"]]) };
  }
  const membership = await db
    .selectFrom("memberships")
    .select(["role", "department"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", subject.id)
    .executeTakeFirst();
  if (membership === undefined) return null;
  const teams = await db
    .selectFrom("team_memberships")
    .select(["team_id", "role"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", subject.id)
    .execute();
  return {
    userId: subject.id,
    role: membership.role,
    department: membership.department === null ? null : departmentKey(membership.department),
    teams: new Map(teams.map((t) => [t.team_id, t.role])),
  };
}

/** The subject's grants, each read from its table when a rule asks for it. */
class Reader {
  constructor(
    readonly db: Db,
    readonly orgId: string,
    readonly who: Who,
    readonly nowMs: number,
  ) {}

  inTeam(teamId: string | null): boolean {
    return teamId !== null && this.who.teams.has(teamId);
  }

  isTeamAdmin(teamId: string | null): boolean {
    const role = teamId === null ? undefined : this.who.teams.get(teamId);
    return role === "admin" || role === "owner";
  }

  /** §4: the sets assigned to the subject's department, to one of its teams, or to the person. */
  async permissionSets(): Promise<PermissionSetRules[]> {
    const rows = await this.db
      .selectFrom("permission_set_assignments as a")
      .innerJoin("permission_sets as s", "s.id", "a.set_id")
      .select(["s.id", "s.rules", "a.target_type", "a.target_id"])
      .where("a.org_id", "=", this.orgId)
      .execute();
    const applying = new Map<string, string>();
    for (const row of rows) {
      const applies =
        (row.target_type === "user" && row.target_id === this.who.userId) ||
        (row.target_type === "team" && this.who.teams.has(row.target_id)) ||
        (row.target_type === "department" &&
          this.who.department !== null &&
          departmentKey(row.target_id) === this.who.department);
      if (applies) applying.set(row.id, row.rules);
    }
    return [...applying.values()].map((rules) => rulesFromSeed(JSON.parse(rules)));
  }

  /** §4: the union of the lists of the sets that mention the field; null when none does. */
  async listed(field: "aiModels" | "integrations" | "knowledgeBaseAccess"): Promise<Set<string> | null> {
    const lists = (await this.permissionSets()).map((s) => s[field]).filter((l) => l !== null);
    return lists.length === 0 ? null : new Set(lists.flat());
  }

  /**
   * §3/§5: projects the subject belongs to (directly, by team, by department) that have started and
   * not ended (at its end, or the moment it was ended early, it has).
   */
  async activeProjectsHolding(type: string, resourceId: string | null): Promise<boolean> {
    if (resourceId === null) return false;
    const rows = await this.db
      .selectFrom("project_resources as r")
      .innerJoin("projects as p", "p.id", "r.project_id")
      .innerJoin("project_members as m", "m.project_id", "p.id")
      .select(["p.starts_at", "p.ends_at", "p.ended_at", "m.member_type", "m.member_ref"])
      .where("r.org_id", "=", this.orgId)
      .where("r.resource_type", "=", type as "agent")
      .where("r.resource_id", "=", resourceId)
      .execute();
    return rows.some((row) => {
      const end = Math.min(
        Date.parse(row.ends_at),
        row.ended_at === null ? Number.POSITIVE_INFINITY : Date.parse(row.ended_at),
      );
      const member =
        (row.member_type === "user" && row.member_ref === this.who.userId) ||
        (row.member_type === "team" && this.who.teams.has(row.member_ref)) ||
        (row.member_type === "department" &&
          this.who.department !== null &&
          departmentKey(row.member_ref) === this.who.department);
      return member && Date.parse(row.starts_at) <= this.nowMs && this.nowMs < end;
    });
  }

  /**
   * The subject's teams' levels in the team spaces that hold the resource: teams whose access covers
   * the whole space, and teams whose access covers only the resources listed for them, this one among them.
   */
  async spaceLevelsHolding(type: string, resourceId: string | null): Promise<string[]> {
    if (resourceId === null) return [];
    const rows = await this.db
      .selectFrom("team_space_resources as r")
      .innerJoin("team_space_access as a", "a.team_space_id", "r.team_space_id")
      .select(["a.team_space_id", "a.team_id", "a.level", "a.reach"])
      .where("r.org_id", "=", this.orgId)
      .where("r.resource_type", "=", type as "agent")
      .where("r.resource_id", "=", resourceId)
      .execute();
    const listed = await this.db
      .selectFrom("team_space_access_resources")
      .select(["team_space_id", "team_id"])
      .where("org_id", "=", this.orgId)
      .where("resource_type", "=", type as "agent")
      .where("resource_id", "=", resourceId)
      .execute();
    const isListed = (row: { team_space_id: string; team_id: string }) =>
      listed.some((l) => l.team_space_id === row.team_space_id && l.team_id === row.team_id);
    return rows
      .filter((row) => this.who.teams.has(row.team_id) && (row.reach === "space" || isListed(row)))
      .map((row) => row.level);
  }

  /** The subject's teams' levels in one team space, of the teams whose access covers the whole space. */
  async spaceLevels(teamSpaceId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("team_space_access")
      .select(["team_id", "level"])
      .where("org_id", "=", this.orgId)
      .where("team_space_id", "=", teamSpaceId)
      .where("reach", "=", "space")
      .execute();
    return rows.filter((row) => this.who.teams.has(row.team_id)).map((row) => row.level);
  }
}

async function decideOrgAction(
  r: Reader,
  action: Action,
  context: ReferenceContext,
): Promise<ReferenceAnswer> {
  if (action === "files:upload") return decideUpload(r, context, null);
  if (action !== "agents:create" && action !== "context-files:create") return ALLOWED;
  // §3 (context files, and agents alike): personal for members, team for that team's admins and
  // owners, org for admins.
  const scope = context.scope ?? "personal";
  if (scope === "org") return deny("ROLE");
  if (scope === "team" && !r.isTeamAdmin(context.teamId ?? null)) return deny("TEAM_ROLE_REQUIRED");
  // §4: agent_creation governs personal agents only: the most permissive of the sets that mention it.
  if (action === "context-files:create" || scope !== "personal") return ALLOWED;
  const modes = (await r.permissionSets()).map((s) => s.agentCreation).filter((m) => m !== null);
  if (modes.length === 0 || modes.includes("allow")) return ALLOWED;
  return deny(modes.includes("approval") ? "APPROVAL_REQUIRED" : "CREATION_DISABLED");
}

/** §4: the largest limit of the sets that mention it, else the org's (if any). */
async function decideUpload(
  r: Reader,
  context: ReferenceContext,
  teamSpaceId: string | null,
): Promise<ReferenceAnswer> {
  if (teamSpaceId !== null && !(await r.spaceLevels(teamSpaceId)).includes("full")) return deny("NO_ACCESS");
  if (context.sizeBytes === undefined) return ALLOWED;
  const limits = (await r.permissionSets()).map((s) => s.fileUploadLimitBytes).filter((l) => l !== null);
  let limit: number | null = limits.length > 0 ? Math.max(...limits) : null;
  if (limit === null) {
    const org = await r.db
      .selectFrom("orgs")
      .select("default_upload_limit_bytes")
      .where("id", "=", r.orgId)
      .executeTakeFirstOrThrow();
    limit = org.default_upload_limit_bytes === null ? null : Number(org.default_upload_limit_bytes);
  }
  return verdict(limit === null || context.sizeBytes <= limit, "UPLOAD_TOO_LARGE");
}

const AGENT_LEVELS = ["none", "view_only", "run_only", "full"] as const;
type AgentLevel = (typeof AGENT_LEVELS)[number];
const NEEDED_LEVEL: Partial<Record<Action, AgentLevel>> = {
  "agents:view": "view_only",
  "agents:run": "run_only",
  "agents:edit": "full",
  "agents:delete": "full",
  "agents:share": "full",
};

/** §3 Agents: the strongest of the person's grants must reach the level the action needs. */
async function decideAgent(r: Reader, action: Action, agent: Row): Promise<ReferenceAnswer> {
  const levels: AgentLevel[] = [];
  if (agent.owner_user_id !== null && agent.owner_user_id === r.who.userId) levels.push("full");
  const teamId = agent.team_id as string | null;
  if (agent.scope === "team" && r.inTeam(teamId)) levels.push(r.isTeamAdmin(teamId) ? "full" : "run_only");
  if (agent.scope === "org") levels.push("run_only");
  const shares = await r.db
    .selectFrom("agent_shares")
    .select(["team_id", "level"])
    .where("org_id", "=", r.orgId)
    .where("agent_id", "=", agent.id)
    .execute();
  for (const share of shares) if (r.inTeam(share.team_id)) levels.push(share.level);
  for (const level of await r.spaceLevelsHolding("agent", agent.id)) {
    if (level === "full") levels.push("run_only");
    if (level === "view") levels.push("view_only");
  }
  if (await r.activeProjectsHolding("agent", agent.id)) levels.push("run_only");
  const needed = AGENT_LEVELS.indexOf(NEEDED_LEVEL[action] ?? "full");
  return verdict(levels.some((level) => AGENT_LEVELS.indexOf(level) >= needed));
}

/** §3 Context files: personal the owner; team its members read, admins and owners edit; org all read. */
function decideContextFile(who: Who, action: Action, file: Row): ReferenceAnswer {
  const teamId = file.team_id as string | null;
  const isOwner = file.owner_user_id !== null && file.owner_user_id === who.userId;
  const role = teamId === null ? undefined : who.teams.get(teamId);
  if (action === "context-files:read") {
    if (file.scope === "personal") return verdict(isOwner);
    if (file.scope === "team") return verdict(role !== undefined);
    return ALLOWED;
  }
  if (file.scope === "personal") return verdict(isOwner);
  // §1: editing a team's context files is open to the team's admins and owners (TEAM_ROLE_REQUIRED otherwise).
  // Someone outside the team is simply not reached (NO_ACCESS); a plain member of it lacks the team role.
  if (file.scope === "team")
    return verdict(
      role === "admin" || role === "owner",
      role === undefined ? "NO_ACCESS" : "TEAM_ROLE_REQUIRED",
    );
  // "org: … admins edit": a matter of the org role, as creating an org-scoped file is.
  return deny("ROLE");
}

/** §3 Knowledge bases: any one of the grants reaches it; editing is the owner's or the team admins'. */
async function decideKnowledgeBase(r: Reader, action: Action, kb: Row): Promise<ReferenceAnswer> {
  const isOwner = kb.owner_user_id !== null && kb.owner_user_id === r.who.userId;
  const teamId = kb.team_id as string | null;
  if (action === "knowledge-bases:edit")
    return verdict(isOwner || (kb.visibility === "team" && r.isTeamAdmin(teamId)));
  if (isOwner) return ALLOWED;
  if (kb.visibility === "team" && r.inTeam(teamId)) return ALLOWED;
  if (
    kb.visibility === "department" &&
    kb.department !== null &&
    r.who.department !== null &&
    departmentKey(kb.department as string) === r.who.department
  )
    return ALLOWED;
  if ((await r.spaceLevelsHolding("knowledge_base", kb.id)).some((l) => l === "view" || l === "full"))
    return ALLOWED;
  if (await r.activeProjectsHolding("knowledge_base", kb.id)) return ALLOWED;
  const listed = await r.listed("knowledgeBaseAccess");
  // A set reaches what it lists, "never someone else's personal knowledge base" (read as a limit of
  // this clause: a team space or a project holding one still reaches it; the doc could say so).
  if (kb.visibility === "personal") return deny("NO_ACCESS");
  if (listed?.has(kb.key as string)) return ALLOWED;
  if (kb.visibility === "public" && (listed === null || listed.has("public"))) return ALLOWED;
  // The rule book names no code for a knowledge base out of reach when the person's sets list
  // knowledge bases. The engine says NOT_IN_PERMISSION_SET, as for models and integrations (a gap in
  // the doc, reported with these tests).
  return deny(listed === null ? "NO_ACCESS" : "NOT_IN_PERMISSION_SET");
}

/** §3 AI models: an enabled model, and listed if a set of the person lists models. */
async function decideModel(r: Reader, model: Row): Promise<ReferenceAnswer> {
  if (model.status !== "enabled") return deny("DISABLED");
  const listed = await r.listed("aiModels");
  return verdict(listed === null || listed.has(model.key as string), "NOT_IN_PERMISSION_SET");
}

/**
 * §3 Integrations: enabled, then reached. Explicit grants first, adding up: the data scopes of the
 * shares the person's teams hold, and full access from a team space with full access or an active
 * project. Without one, an integration never shared (audience "org", no shares)
 * is open through the role, the default a permission set's `integrations` list narrows. The scope asked
 * for must be covered.
 */
async function decideIntegration(
  r: Reader,
  integration: Row,
  context: ReferenceContext,
): Promise<ReferenceAnswer> {
  if (integration.status !== "enabled") return deny("DISABLED");
  requireKnownDataScope(integration, context);
  const shares = await r.db
    .selectFrom("integration_shares")
    .select(["team_id", "data_scope"])
    .where("org_id", "=", r.orgId)
    .where("integration_id", "=", integration.id)
    .execute();
  const held = shares.filter((share) => r.inTeam(share.team_id)).map((share) => share.data_scope);
  const scopes: string[] = [...held];
  if (
    (await r.spaceLevelsHolding("integration", integration.id)).includes("full") ||
    (await r.activeProjectsHolding("integration", integration.id))
  )
    scopes.push(FULL_ACCESS_SCOPE);
  if (scopes.length === 0) {
    if (integration.audience === "teams" || shares.length > 0) return deny("NO_ACCESS");
    const listed = await r.listed("integrations");
    if (listed !== null && !listed.has(integration.key as string)) return deny("NOT_IN_PERMISSION_SET");
    scopes.push(FULL_ACCESS_SCOPE);
  }
  const asked = context.dataScope;
  return verdict(
    asked === undefined || scopes.includes(FULL_ACCESS_SCOPE) || scopes.includes(asked),
    "DATA_SCOPE_NOT_GRANTED",
  );
}

/** §3 Team spaces: view needs view or full, join needs full. */
async function decideTeamSpace(r: Reader, action: Action, teamSpaceId: string): Promise<ReferenceAnswer> {
  const levels = await r.spaceLevels(teamSpaceId);
  return verdict(levels.includes("full") || (action === "team-spaces:view" && levels.includes("view")));
}

const READING: readonly Action[] = ["conversations:view", "files:view"];

/**
 * §3 Conversations and files: ownership, a share with the person or a team, a team space (view to
 * read, full to take part; named by the check's teamSpaceId or holding the id), or, for files, an
 * active project listing the file's id.
 */
async function decideExternal(
  r: Reader,
  action: Action,
  type: "conversation" | "file",
  id: string | null,
  attributes: ReferenceAttributes,
): Promise<ReferenceAnswer> {
  const { userId } = r.who;
  if (userId !== null && (attributes.ownerId === userId || attributes.sharedWithUserIds?.includes(userId)))
    return ALLOWED;
  if (attributes.sharedWithTeamIds?.some((teamId) => r.inTeam(teamId))) return ALLOWED;
  const levels = [
    ...(attributes.teamSpaceId === undefined ? [] : await r.spaceLevels(attributes.teamSpaceId)),
    ...(await r.spaceLevelsHolding(type, id)),
  ];
  if (levels.includes("full") || (READING.includes(action) && levels.includes("view"))) return ALLOWED;
  return verdict(type === "file" && (await r.activeProjectsHolding("file", id)));
}
