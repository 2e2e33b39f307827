import { AppError } from "../errors.js";
import { ORG_ROLE_LABELS } from "../roles.js";
import { ACTIONS, type Action, isAction, type ResourceType } from "./catalog.js";
import { allow, type Decision, deny, type Via } from "./decision.js";
import {
  type AgentEntry,
  type ContextFileEntry,
  type IntegrationEntry,
  isProjectActive,
  type KnowledgeBaseEntry,
  levelAtLeast,
  type ModelEntry,
  type Policy,
  type Principal,
  rulesOf,
  type TeamGrant,
  type TeamSpaceEntry,
  teamPrincipal,
} from "./policy.js";
import { type AgentScope, FULL_ACCESS_SCOPE, type ShareLevel } from "./policy-data.js";
import { formatSize } from "./sizes.js";

export type Subject = { type: "user" | "team"; id: string };

/** Attributes of the AI product's own conversations and files, which Gatehouse does not store. */
export type ExternalAttributes = {
  ownerId?: string;
  teamSpaceId?: string;
  sharedWithUserIds?: readonly string[];
  sharedWithTeamIds?: readonly string[];
};

export type ResourceRef = { type: string; id?: string; key?: string; attributes?: ExternalAttributes };

export type CheckContext = {
  /** files:upload: the size of the upload. */
  sizeBytes?: number;
  /** integrations:use: the data scope asked for (e.g. read_leads). */
  dataScope?: string;
  /** agents:create and context-files:create: what is being created, and for which team. */
  scope?: AgentScope;
  teamId?: string;
};

export type CheckInput = { subject: Subject; action: string; resource: ResourceRef; context?: CheckContext };

/** Limits an API key puts on what it may be used for. */
export type KeyRestriction = { apiKeyId: string; scopes: ReadonlySet<string> | null };

/** Resources some actions accept besides their own type. */
const ALSO_ACCEPTS: Partial<Record<Action, readonly ResourceType[]>> = {
  "comments:create": ["file"],
  "files:upload": ["team_space"],
};

type Resolved =
  | { type: "org" }
  | { type: "team"; teamId: string }
  | { type: "agent"; entry: AgentEntry }
  | { type: "context_file"; entry: ContextFileEntry }
  | { type: "knowledge_base"; entry: KnowledgeBaseEntry }
  | { type: "integration"; entry: IntegrationEntry }
  | { type: "model"; entry: ModelEntry }
  | { type: "team_space"; entry: TeamSpaceEntry }
  | { type: "conversation" | "file"; id: string | null; attributes: ExternalAttributes };

/**
 * Decides one check against a compiled policy. Deny by default: every allow names the grant that
 * made it. Unknown actions and resources are errors, not denials.
 */
export function evaluate(policy: Policy, input: CheckInput, nowMs: number, key?: KeyRestriction): Decision {
  const action = requireAction(input.action);
  const resource = resolveResource(policy, action, input.resource);
  const principal = resolvePrincipal(policy, input.subject);
  if (!principal) return deny("NOT_A_MEMBER", "This person is not a member of the organization.");
  if (key?.scopes && !key.scopes.has(action)) {
    return deny("API_KEY_SCOPE", `This API key may not be used for ${action}.`, [
      { type: "api_key", apiKeyId: key.apiKeyId },
    ]);
  }
  return decideFor(policy, principal, action, resource, input.context ?? {}, nowMs);
}

export function requireAction(action: string): Action {
  if (isAction(action)) return action;
  const guess = [`${action}s`, action.replace(/^(\w+)s:/, "$1:"), action.replace(/^(\w+):/, "$1s:")].find(
    isAction,
  );
  throw new AppError("UNKNOWN_ACTION", {
    message: `"${action}" is not an action Gatehouse knows.${guess ? ` Did you mean "${guess}"?` : ""} GET /api/v1/capabilities lists them all.`,
    details: { action },
  });
}

function unknownResource(type: string, ref: ResourceRef): never {
  const name = ref.key ?? ref.id ?? "";
  throw new AppError("UNKNOWN_RESOURCE", {
    message: `No ${type.replace("_", " ")} ${JSON.stringify(name)} in this organization. Check its id or key.`,
    details: { type, ...(ref.id && { id: ref.id }), ...(ref.key && { key: ref.key }) },
  });
}

function lookup<E>(byId: Map<string, E>, byKey: Map<string, E> | null, type: string, ref: ResourceRef): E {
  const entry =
    ref.id !== undefined ? byId.get(ref.id) : ref.key !== undefined ? byKey?.get(ref.key) : undefined;
  if (entry === undefined) {
    if (ref.id === undefined && ref.key === undefined) {
      throw new AppError("VALIDATION_FAILED", {
        message: `Name the ${type.replace("_", " ")} with its id${byKey ? " or key" : ""}.`,
      });
    }
    unknownResource(type, ref);
  }
  return entry;
}

function resolveResource(policy: Policy, action: Action, ref: ResourceRef): Resolved {
  const expected = ACTIONS[action].resource;
  if (ref.type !== expected && !ALSO_ACCEPTS[action]?.includes(ref.type as ResourceType)) {
    const accepted = [expected, ...(ALSO_ACCEPTS[action] ?? [])].join(" or ");
    throw new AppError("VALIDATION_FAILED", {
      message: `${action} is about a ${accepted}, not a ${ref.type}.`,
      details: { field: "resource.type", expected: accepted },
    });
  }
  switch (ref.type as ResourceType) {
    case "org":
      if (ref.id !== undefined && ref.id !== policy.orgId) unknownResource("org", ref);
      return { type: "org" };
    case "team":
      return { type: "team", teamId: lookup(policy.teams, null, "team", ref).id };
    case "agent":
      return { type: "agent", entry: lookup(policy.agents, policy.agentsByKey, "agent", ref) };
    case "context_file":
      return { type: "context_file", entry: lookup(policy.contextFiles, null, "context file", ref) };
    case "knowledge_base":
      return {
        type: "knowledge_base",
        entry: lookup(policy.knowledgeBases, policy.knowledgeBasesByKey, "knowledge_base", ref),
      };
    case "integration":
      return {
        type: "integration",
        entry: lookup(policy.integrations, policy.integrationsByKey, "integration", ref),
      };
    case "model":
      return { type: "model", entry: lookup(policy.models, policy.modelsByKey, "model", ref) };
    case "team_space":
      return {
        type: "team_space",
        entry: lookup(policy.teamSpaces, policy.teamSpacesByKey, "team_space", ref),
      };
    default:
      return {
        type: ref.type as "conversation" | "file",
        id: ref.id ?? null,
        attributes: ref.attributes ?? {},
      };
  }
}

function resolvePrincipal(policy: Policy, subject: Subject): Principal | undefined {
  if (subject.type === "user") return policy.people.get(subject.id);
  const principal = teamPrincipal(policy, subject.id);
  if (!principal) unknownResource("team", { type: "team", id: subject.id });
  return principal;
}

const ROLE_VIA: Record<string, Via> = {
  admin: { type: "role", role: "admin" },
  member: { type: "role", role: "member" },
  viewer: { type: "role", role: "viewer" },
};

function roleVia(principal: Principal): Via {
  return ROLE_VIA[principal.role] as Via;
}

function subjectName(principal: Principal): string {
  return principal.userId === null
    ? `The ${principal.name} team key`
    : ORG_ROLE_LABELS[principal.role] === "Viewer"
      ? "A viewer"
      : "This person";
}

export function decideFor(
  policy: Policy,
  principal: Principal,
  action: Action,
  resource: Resolved,
  context: CheckContext,
  nowMs: number,
): Decision {
  const spec: { roles: readonly string[]; teamRoles?: readonly string[]; seed: string } = ACTIONS[action];
  const roleAllows = spec.roles.includes(principal.role);
  if (!roleAllows) {
    // Team roles lift org members, never viewers, and only inside their own team.
    const teamId = principal.role === "viewer" ? null : teamOf(resource, context);
    const teamRole = teamId === null ? undefined : principal.teamRoles.get(teamId);
    if (teamId === null || teamRole === undefined || !spec.teamRoles?.includes(teamRole)) {
      const label = ORG_ROLE_LABELS[principal.role];
      return deny(
        spec.teamRoles && principal.role !== "viewer" ? "TEAM_ROLE_REQUIRED" : "ROLE",
        spec.teamRoles && principal.role !== "viewer"
          ? `${action} needs the org Admin role, or the team ${spec.teamRoles.join(" or ")} role in the team concerned.`
          : `The ${label} role does not allow ${action} (${spec.seed}).`,
      );
    }
    const name = policy.teams.get(teamId)?.name ?? teamId;
    return allow(`Allowed as ${teamRole} of the ${name} team.`, [
      { type: "team_role", teamId, teamName: name, role: teamRole },
    ]);
  }

  switch (resource.type) {
    case "org":
      return decideOrgAction(policy, principal, action, context);
    case "team":
      return allow(`Allowed by the ${ORG_ROLE_LABELS[principal.role]} role.`, [roleVia(principal)]);
    case "agent":
      return decideAgent(policy, principal, action, resource.entry, nowMs);
    case "context_file":
      return decideContextFile(policy, principal, action, resource.entry);
    case "knowledge_base":
      return decideKnowledgeBase(policy, principal, action, resource.entry, nowMs);
    case "integration":
      return decideIntegration(policy, principal, resource.entry, context, nowMs);
    case "model":
      return decideModel(policy, principal, resource.entry);
    case "team_space":
      return action === "files:upload"
        ? decideUpload(policy, principal, context, resource.entry)
        : decideTeamSpace(principal, action, resource.entry);
    default:
      return decideExternal(policy, principal, action, resource, nowMs);
  }
}

/** The team a team-role grant would be about: the team resource, the agent's or file's team, or context.teamId. */
function teamOf(resource: Resolved, context: CheckContext): string | null {
  if (resource.type === "team") return resource.teamId;
  if (resource.type === "agent" && resource.entry.scope === "team") return resource.entry.teamId;
  if (resource.type === "context_file" && resource.entry.scope === "team") return resource.entry.teamId;
  if (resource.type === "org" && context.scope === "team") return context.teamId ?? null;
  return null;
}

function decideOrgAction(
  policy: Policy,
  principal: Principal,
  action: Action,
  context: CheckContext,
): Decision {
  const via = [roleVia(principal)];
  const role = ORG_ROLE_LABELS[principal.role];
  if (action === "files:upload") return decideUpload(policy, principal, context, null);
  if (action === "agents:create" || action === "context-files:create") {
    const scope = context.scope ?? "personal";
    const noun = action === "agents:create" ? "agents" : "context files";
    if (scope === "org" && principal.role !== "admin") {
      return deny("ROLE", `Only admins create org-wide ${noun}; create a personal or team one instead.`, via);
    }
    if (scope === "team" && principal.role !== "admin") {
      const teamRole = context.teamId === undefined ? undefined : principal.teamRoles.get(context.teamId);
      if (teamRole !== "admin" && teamRole !== "owner") {
        return deny(
          "TEAM_ROLE_REQUIRED",
          context.teamId === undefined
            ? `Creating team ${noun} needs context.teamId.`
            : `Creating team ${noun} needs the team admin or owner role in that team.`,
          via,
        );
      }
      const team = policy.teams.get(context.teamId as string);
      via.push({
        type: "team_role",
        teamId: context.teamId as string,
        teamName: team?.name ?? "",
        role: teamRole,
      });
    }
    if (action === "agents:create" && principal.role !== "admin")
      return decideAgentCreation(policy, principal, via);
    return allow(`Allowed by the ${role} role.`, via);
  }
  return allow(`Allowed by the ${role} role.`, via);
}

/** `agent_creation` of the person's permission sets: true, false or "admin_approval". */
function decideAgentCreation(policy: Policy, principal: Principal, via: Via[]): Decision {
  const rules = rulesOf(policy, principal);
  if (rules.agentCreation === null)
    return allow(`Allowed by the ${ORG_ROLE_LABELS[principal.role]} role.`, via);
  const setVia = setViaOf(policy, principal, rules.agentCreation.setId, rules.agentCreation.mode);
  const setName = policy.sets.get(rules.agentCreation.setId)?.key ?? "";
  if (rules.agentCreation.mode === "allow")
    return allow(`Allowed by permission set ${setName}.`, [...via, setVia]);
  if (rules.agentCreation.mode === "approval") {
    return deny(
      "APPROVAL_REQUIRED",
      `Permission set ${setName} needs an admin's approval to create agents: file an agent-creation request.`,
      [setVia],
    );
  }
  return deny("CREATION_DISABLED", `Permission set ${setName} does not allow creating agents.`, [setVia]);
}

function setViaOf(policy: Policy, principal: Principal, setId: string, value?: string | number): Via {
  const set = policy.sets.get(setId);
  const from = principal.sets.find((s) => s.id === setId)?.source.type ?? "user";
  return {
    type: "permission_set",
    setId,
    key: set?.key ?? "",
    name: set?.name ?? "",
    from,
    ...(value !== undefined && { value }),
  };
}

function decideUpload(
  policy: Policy,
  principal: Principal,
  context: CheckContext,
  space: TeamSpaceEntry | null,
): Decision {
  const via: Via[] = [];
  if (space !== null) {
    const spaceDecision = decideTeamSpace(principal, "team-spaces:join", space);
    if (!spaceDecision.allowed) return spaceDecision;
    via.push(...spaceDecision.via);
  } else {
    via.push(roleVia(principal));
  }
  const rules = principal.role === "admin" ? null : rulesOf(policy, principal);
  const limit = rules?.fileUploadLimit ?? null;
  const limitBytes = limit?.bytes ?? (principal.role === "admin" ? null : policy.defaultUploadLimitBytes);
  if (limit) via.push(setViaOf(policy, principal, limit.setId, limit.bytes));
  if (context.sizeBytes !== undefined && limitBytes !== null && context.sizeBytes > limitBytes) {
    const source = limit ? `permission set ${policy.sets.get(limit.setId)?.key}` : "the organization";
    return deny(
      "UPLOAD_TOO_LARGE",
      `${formatSize(context.sizeBytes)} is over the ${formatSize(limitBytes)} upload limit set by ${source}.`,
      via,
    );
  }
  return allow(
    limitBytes === null
      ? "Allowed: no upload limit applies."
      : `Allowed: within the ${formatSize(limitBytes)} upload limit.`,
    via,
  );
}

/** The strongest grant a principal holds on an agent, and what it came from. */
function agentLevel(
  policy: Policy,
  principal: Principal,
  agent: AgentEntry,
  nowMs: number,
): { level: ShareLevel; via: Via; expiresAt?: string } | null {
  if (agent.ownerId !== null && agent.ownerId === principal.userId)
    return { level: "full", via: { type: "owner" } };
  let best: { level: ShareLevel; via: Via; expiresAt?: string } | null = null;
  const consider = (level: ShareLevel, via: Via, expiresAt?: string) => {
    if (best === null || (levelAtLeast(level, best.level) && level !== best.level))
      best = { level, via, ...(expiresAt && { expiresAt }) };
  };
  if (agent.scope === "team" && agent.teamId !== null) {
    const role = principal.teamRoles.get(agent.teamId);
    if (role === "admin" || role === "owner") {
      return {
        level: "full",
        via: {
          type: "team_role",
          teamId: agent.teamId,
          teamName: policy.teams.get(agent.teamId)?.name ?? "",
          role,
        },
      };
    }
  }
  for (const [teamId] of principal.teamRoles) {
    const grant: TeamGrant | undefined = agent.teamGrants.get(teamId);
    if (grant === undefined) continue;
    const teamName = policy.teams.get(teamId)?.name ?? "";
    if (grant.via === "team_space" && grant.spaceId) {
      const space = policy.teamSpaces.get(grant.spaceId);
      consider(grant.level, {
        type: "team_space",
        teamSpaceId: grant.spaceId,
        teamSpaceName: space?.name ?? "",
        teamId,
        level: grant.level === "view_only" ? "view" : "full",
      });
    } else if (grant.via === "team") {
      consider(grant.level, {
        type: "team_role",
        teamId,
        teamName,
        role: principal.teamRoles.get(teamId) ?? "member",
      });
    } else {
      consider(grant.level, { type: "share", teamId, teamName, level: grant.level });
    }
  }
  if (agent.scope === "org") consider("run_only", { type: "org_wide" });
  for (const projectId of agent.projectIds) {
    const project = policy.projects.get(projectId);
    if (project && isProjectActive(project, nowMs) && principal.projectIds.includes(projectId)) {
      consider(
        "run_only",
        {
          type: "project",
          projectId,
          projectName: project.name,
          endsAt: new Date(project.endsAtMs).toISOString(),
        },
        new Date(project.endsAtMs).toISOString(),
      );
    }
  }
  return best;
}

const NEEDED_LEVEL: Partial<Record<Action, ShareLevel>> = {
  "agents:view": "view_only",
  "agents:run": "run_only",
  "agents:edit": "full",
  "agents:delete": "full",
  "agents:share": "full",
};

function decideAgent(
  policy: Policy,
  principal: Principal,
  action: Action,
  agent: AgentEntry,
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (create and manage all agents).", [roleVia(principal)]);
  const needed = NEEDED_LEVEL[action] ?? "full";
  const held = agentLevel(policy, principal, agent, nowMs);
  if (held === null) {
    return deny(
      "NO_ACCESS",
      `${subjectName(principal)} has no access to the agent ${agent.name}.${expiredProjectNote(policy, principal, agent.projectIds, nowMs)}`,
    );
  }
  if (!levelAtLeast(held.level, needed)) {
    return deny(
      "NO_ACCESS",
      `The agent ${agent.name} is shared ${held.level} with this person; ${action} needs ${needed}.`,
      [held.via],
    );
  }
  return allow(`Allowed: ${describeVia(held.via)}.`, [held.via], held.expiresAt);
}

function expiredProjectNote(
  policy: Policy,
  principal: Principal,
  projectIds: readonly string[],
  nowMs: number,
): string {
  for (const id of projectIds) {
    const project = policy.projects.get(id);
    if (project && !isProjectActive(project, nowMs) && principal.projectIds.includes(id)) {
      return ` Access through project ${project.name} ended on ${new Date(project.endedAtMs ?? project.endsAtMs).toISOString().slice(0, 10)}.`;
    }
  }
  return "";
}

function describeVia(via: Via): string {
  switch (via.type) {
    case "owner":
      return "they own it";
    case "org_wide":
      return "it is available to the whole organization";
    case "share":
      return `shared with the ${via.teamName} team (${via.level}${via.dataScope ? `, ${via.dataScope}` : ""})`;
    case "team_space":
      return `through team space ${via.teamSpaceName} (${via.level} access)`;
    case "team_role":
      return `as ${via.role} of the ${via.teamName} team`;
    case "project":
      return `through project ${via.projectName} until ${via.endsAt.slice(0, 10)}`;
    case "permission_set":
      return `by permission set ${via.key}`;
    case "department":
      return `through the ${via.department} department`;
    case "role":
      return `by the ${ORG_ROLE_LABELS[via.role]} role`;
    case "api_key":
      return "by the API key";
  }
}

function decideContextFile(
  policy: Policy,
  principal: Principal,
  action: Action,
  file: ContextFileEntry,
): Decision {
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  const isEdit = action === "context-files:edit";
  if (file.scope === "personal") {
    if (file.ownerId !== null && file.ownerId === principal.userId)
      return allow("Allowed: they own it.", [{ type: "owner" }]);
    return deny("NO_ACCESS", `The context file ${file.name} is personal to someone else.`);
  }
  if (file.scope === "org") {
    if (isEdit) return deny("ROLE", "Only admins change org-scoped context files.");
    return allow("Allowed: org-scoped context files are open to every member.", [{ type: "org_wide" }]);
  }
  const role = file.teamId === null ? undefined : principal.teamRoles.get(file.teamId);
  const teamName = (file.teamId && policy.teams.get(file.teamId)?.name) || "";
  if (role === undefined)
    return deny("NO_ACCESS", `The context file ${file.name} belongs to the ${teamName} team.`);
  if (isEdit && role === "member")
    return deny(
      "TEAM_ROLE_REQUIRED",
      `Changing the ${teamName} team's context files needs team admin or owner.`,
    );
  return allow(`Allowed as ${role} of the ${teamName} team.`, [
    { type: "team_role", teamId: file.teamId as string, teamName, role },
  ]);
}

function decideKnowledgeBase(
  policy: Policy,
  principal: Principal,
  action: Action,
  kb: KnowledgeBaseEntry,
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (manage knowledge bases).", [roleVia(principal)]);
  const isOwner = kb.ownerId !== null && kb.ownerId === principal.userId;
  if (action === "knowledge-bases:edit") {
    if (isOwner) return allow("Allowed: they own it.", [{ type: "owner" }]);
    const role = kb.teamId === null ? undefined : principal.teamRoles.get(kb.teamId);
    if (kb.visibility === "team" && (role === "admin" || role === "owner")) {
      const teamName = policy.teams.get(kb.teamId as string)?.name ?? "";
      return allow(`Allowed as ${role} of the ${teamName} team.`, [
        { type: "team_role", teamId: kb.teamId as string, teamName, role },
      ]);
    }
    return deny(
      "NO_ACCESS",
      `Only the owner, its team's admins or an org admin change the knowledge base ${kb.name}.`,
    );
  }
  if (isOwner) return allow("Allowed: they own it.", [{ type: "owner" }]);
  if (kb.visibility === "team" && kb.teamId !== null) {
    const role = principal.teamRoles.get(kb.teamId);
    if (role !== undefined) {
      const teamName = policy.teams.get(kb.teamId)?.name ?? "";
      return allow(`Allowed as ${role} of the ${teamName} team.`, [
        { type: "team_role", teamId: kb.teamId, teamName, role },
      ]);
    }
  }
  if (kb.visibility === "department" && kb.department !== null && kb.department === principal.department) {
    return allow(`Allowed through the ${kb.department} department.`, [
      { type: "department", department: kb.department },
    ]);
  }
  for (const [teamId] of principal.teamRoles) {
    const grant = kb.spaceGrants.get(teamId);
    if (grant && grant.level !== "none") {
      const space = policy.teamSpaces.get(grant.spaceId);
      const via: Via = {
        type: "team_space",
        teamSpaceId: grant.spaceId,
        teamSpaceName: space?.name ?? "",
        teamId,
        level: grant.level,
      };
      return allow(`Allowed: ${describeVia(via)}.`, [via]);
    }
  }
  for (const projectId of kb.projectIds) {
    const project = policy.projects.get(projectId);
    if (project && isProjectActive(project, nowMs) && principal.projectIds.includes(projectId)) {
      const endsAt = new Date(project.endsAtMs).toISOString();
      const via: Via = { type: "project", projectId, projectName: project.name, endsAt };
      return allow(`Allowed: ${describeVia(via)}.`, [via], endsAt);
    }
  }
  const rules = rulesOf(policy, principal);
  if (rules.knowledgeBaseAccess !== null) {
    const setId =
      rules.knowledgeBaseAccess.get(kb.key) ??
      (kb.visibility === "public" ? rules.knowledgeBaseAccess.get("public") : undefined);
    if (setId !== undefined) {
      const via = setViaOf(policy, principal, setId, kb.key);
      return allow(`Allowed by permission set ${policy.sets.get(setId)?.key}.`, [via]);
    }
    const setKeys = [...new Set(rules.knowledgeBaseAccess.values())]
      .map((id) => policy.sets.get(id)?.key)
      .join(", ");
    return deny(
      "NOT_IN_PERMISSION_SET",
      `The knowledge base ${kb.key} is not in this person's knowledge_base_access (permission set ${setKeys}).`,
    );
  }
  if (kb.visibility === "public")
    return allow("Allowed: public knowledge bases are open to everyone.", [{ type: "org_wide" }]);
  return deny(
    "NO_ACCESS",
    `The knowledge base ${kb.name} is ${kb.visibility === "personal" ? "personal to someone else" : `for the ${kb.visibility === "team" ? "team" : kb.department} ${kb.visibility === "team" ? "it belongs to" : "department"}`}.`,
  );
}

function decideModel(policy: Policy, principal: Principal, model: ModelEntry): Decision {
  if (!model.enabled) return deny("DISABLED", `The model ${model.key} is turned off for this organization.`);
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  const rules = rulesOf(policy, principal);
  if (rules.aiModels === null)
    return allow(`Allowed by the ${ORG_ROLE_LABELS[principal.role]} role (access all AI models).`, [
      roleVia(principal),
    ]);
  const setId = rules.aiModels.get(model.key);
  if (setId === undefined) {
    const listed = [...rules.aiModels.keys()].join(", ");
    return deny(
      "NOT_IN_PERMISSION_SET",
      `The model ${model.key} is not among this person's models (${listed}).`,
      [setViaOf(policy, principal, [...rules.aiModels.values()][0] as string)],
    );
  }
  return allow(`Allowed by permission set ${policy.sets.get(setId)?.key}.`, [
    setViaOf(policy, principal, setId, model.key),
  ]);
}

function decideIntegration(
  policy: Policy,
  principal: Principal,
  integration: IntegrationEntry,
  context: CheckContext,
  nowMs: number,
): Decision {
  if (!integration.enabled)
    return deny("DISABLED", `The integration ${integration.key} is turned off for this organization.`);
  const wanted = context.dataScope;
  if (wanted !== undefined && wanted !== FULL_ACCESS_SCOPE && !integration.dataScopes.includes(wanted)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The integration ${integration.key} has no data scope "${wanted}". Its scopes: ${[FULL_ACCESS_SCOPE, ...integration.dataScopes].join(", ")}.`,
      details: { field: "context.dataScope" },
    });
  }
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  const via: Via[] = [];
  const rules = rulesOf(policy, principal);
  if (rules.integrations !== null) {
    const setId = rules.integrations.get(integration.key);
    if (setId === undefined) {
      return deny(
        "NOT_IN_PERMISSION_SET",
        `The integration ${integration.key} is not among this person's integrations (${[...rules.integrations.keys()].join(", ")}).`,
      );
    }
    via.push(setViaOf(policy, principal, setId, integration.key));
  }
  // Which data scope this person reaches: full access unless the integration is shared team by team.
  let granted: { scope: string; via: Via; expiresAt?: string } | null = null;
  if (integration.shares.size === 0) {
    granted = { scope: FULL_ACCESS_SCOPE, via: { type: "org_wide" } };
  } else {
    for (const [teamId] of principal.teamRoles) {
      const scope = integration.shares.get(teamId);
      if (scope === undefined) continue;
      if (granted === null || scope === FULL_ACCESS_SCOPE) {
        granted = {
          scope,
          via: {
            type: "share",
            teamId,
            teamName: policy.teams.get(teamId)?.name ?? "",
            level: "run_only",
            dataScope: scope,
          },
        };
      }
      if (scope === wanted) {
        granted = {
          scope,
          via: {
            type: "share",
            teamId,
            teamName: policy.teams.get(teamId)?.name ?? "",
            level: "run_only",
            dataScope: scope,
          },
        };
        break;
      }
    }
    if (granted?.scope !== FULL_ACCESS_SCOPE) {
      for (const [teamId] of principal.teamRoles) {
        const grant = integration.spaceGrants.get(teamId);
        if (grant?.level === "full") {
          const space = policy.teamSpaces.get(grant.spaceId);
          granted = {
            scope: FULL_ACCESS_SCOPE,
            via: {
              type: "team_space",
              teamSpaceId: grant.spaceId,
              teamSpaceName: space?.name ?? "",
              teamId,
              level: "full",
            },
          };
          break;
        }
      }
    }
    if (granted?.scope !== FULL_ACCESS_SCOPE) {
      for (const projectId of integration.projectIds) {
        const project = policy.projects.get(projectId);
        if (project && isProjectActive(project, nowMs) && principal.projectIds.includes(projectId)) {
          const endsAt = new Date(project.endsAtMs).toISOString();
          granted = {
            scope: FULL_ACCESS_SCOPE,
            via: { type: "project", projectId, projectName: project.name, endsAt },
            expiresAt: endsAt,
          };
          break;
        }
      }
    }
  }
  if (granted === null) {
    const teams = [...integration.shares.keys()].map((id) => policy.teams.get(id)?.name ?? id).join(", ");
    return deny(
      "NO_ACCESS",
      `The integration ${integration.key} is shared only with ${teams}.${expiredProjectNote(policy, principal, integration.projectIds, nowMs)}`,
      via,
    );
  }
  via.push(granted.via);
  if (wanted !== undefined && granted.scope !== FULL_ACCESS_SCOPE && granted.scope !== wanted) {
    return deny(
      "DATA_SCOPE_NOT_GRANTED",
      `This person may use ${integration.key} with the ${granted.scope} data scope, not ${wanted}.`,
      via,
    );
  }
  return allow(
    `Allowed: ${describeVia(granted.via)}${granted.scope === FULL_ACCESS_SCOPE ? "" : ` with the ${granted.scope} data scope`}.`,
    via,
    granted.expiresAt,
  );
}

function decideTeamSpace(principal: Principal, action: Action, space: TeamSpaceEntry): Decision {
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  let best: { teamId: string; level: "view" | "full" } | null = null;
  for (const [teamId] of principal.teamRoles) {
    const level = space.access.get(teamId);
    if (level === "full") {
      best = { teamId, level };
      break;
    }
    if (level === "view" && best === null) best = { teamId, level };
  }
  const needsFull = action !== "team-spaces:view";
  if (best === null || (needsFull && best.level !== "full")) {
    return deny(
      "NO_ACCESS",
      `${subjectName(principal)} has ${best ? "view access only to" : "no access to"} the team space ${space.name}.`,
    );
  }
  const via: Via = {
    type: "team_space",
    teamSpaceId: space.id,
    teamSpaceName: space.name,
    teamId: best.teamId,
    level: best.level,
  };
  return allow(`Allowed: ${describeVia(via)}.`, [via]);
}

/** The AI product's conversations and files, decided from the attributes sent with the check. */
function decideExternal(
  policy: Policy,
  principal: Principal,
  action: Action,
  resource: { type: "conversation" | "file"; id: string | null; attributes: ExternalAttributes },
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (access all conversations and files).", [roleVia(principal)]);
  const a = resource.attributes;
  const writes =
    action === "conversations:participate" || action === "comments:create" || action === "files:analyze";
  if (a.ownerId !== undefined && a.ownerId === principal.userId)
    return allow("Allowed: they own it.", [{ type: "owner" }]);
  if (principal.userId !== null && a.sharedWithUserIds?.includes(principal.userId)) {
    return allow("Allowed: it is shared with them.", [{ type: "owner" }]);
  }
  for (const teamId of a.sharedWithTeamIds ?? []) {
    if (principal.teamRoles.has(teamId)) {
      const via: Via = {
        type: "share",
        teamId,
        teamName: policy.teams.get(teamId)?.name ?? "",
        level: writes ? "run_only" : "view_only",
      };
      return allow(`Allowed: ${describeVia(via)}.`, [via]);
    }
  }
  const spaceIds = [
    ...(a.teamSpaceId ? [a.teamSpaceId] : []),
    ...((resource.id && policy.externalInSpaces.get(resource.id)) || []),
  ];
  for (const spaceId of spaceIds) {
    const space = policy.teamSpaces.get(spaceId);
    if (!space) continue;
    const decision = decideTeamSpace(principal, writes ? "team-spaces:join" : "team-spaces:view", space);
    if (decision.allowed) return decision;
  }
  if (resource.type === "file" && resource.id !== null) {
    for (const projectId of principal.projectIds) {
      const project = policy.projects.get(projectId);
      if (project?.fileIds.has(resource.id) && isProjectActive(project, nowMs)) {
        const endsAt = new Date(project.endsAtMs).toISOString();
        const via: Via = { type: "project", projectId, projectName: project.name, endsAt };
        return allow(`Allowed: ${describeVia(via)}.`, [via], endsAt);
      }
    }
  }
  return deny(
    "NO_ACCESS",
    `This ${resource.type} is not shared with ${principal.userId === null ? "the team" : "this person"}.`,
  );
}
