import { AppError } from "../errors.js";
import { ORG_ROLE_LABELS } from "../roles.js";
import { ACTION_INDEX, ACTIONS, type Action, isAction, type ResourceType } from "./catalog.js";
import { CHECK_IDS, type CheckIds } from "./check-ids.js";
import { decideAgent } from "./decide-agents.js";
import { decideContextFile, decideKnowledgeBase } from "./decide-content.js";
import { decideOrgAction, decideUpload } from "./decide-org.js";
import { decideExternal, decideTeamSpace } from "./decide-spaces.js";
import { decideIntegration, decideModel } from "./decide-tools.js";
import { allow, type Decision, deny } from "./decision.js";
import {
  MEMO_LIMIT,
  memoGet,
  memoPut,
  memoSlot,
  noteLookup,
  resetMemo,
  shouldLookUp,
} from "./decision-memo.js";
import { roleVia } from "./explain.js";
import { theTeam } from "./naming.js";
import {
  type AgentEntry,
  type ContextFileEntry,
  type ExternalKind,
  type IntegrationEntry,
  type KnowledgeBaseEntry,
  type ModelEntry,
  type Policy,
  type Principal,
  type TeamSpaceEntry,
  teamPrincipal,
} from "./policy.js";
import type { AgentScope } from "./policy-data.js";

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

export type CheckInput = {
  subject: Subject;
  action: string;
  resource: ResourceRef;
  context?: CheckContext;
  /** The subject's and resource's ids as numbers, when the check was read with them (check-ids.ts). */
  readonly [CHECK_IDS]?: CheckIds;
};

/** Limits an API key puts on what it may be used for. */
export type KeyRestriction = { apiKeyId: string; scopes: ReadonlySet<string> | null };

const NO_CONTEXT: CheckContext = Object.freeze({});

/** Resources some actions accept besides their own type. */
const ALSO_ACCEPTS: Partial<Record<Action, readonly ResourceType[]>> = {
  "comments:create": ["file"],
  "files:upload": ["team_space"],
};

/** A check's resource, found in the compiled policy (or, for the AI product's own, its attributes). */
export type ResolvedResource =
  | { type: "org" }
  | { type: "team"; teamId: string }
  | { type: "agent"; entry: AgentEntry }
  | { type: "context_file"; entry: ContextFileEntry }
  | { type: "knowledge_base"; entry: KnowledgeBaseEntry }
  | { type: "integration"; entry: IntegrationEntry }
  | { type: "model"; entry: ModelEntry }
  | { type: "team_space"; entry: TeamSpaceEntry }
  | { type: ExternalKind; id: string | null; attributes: ExternalAttributes };

/**
 * Decides one check against a compiled policy. Deny by default: every allow names the grant that
 * made it. Unknown actions and resources are errors, not denials.
 */
export function evaluate(policy: Policy, input: CheckInput, nowMs: number, key?: KeyRestriction): Decision {
  if (key?.scopes && !key.scopes.has(input.action)) {
    requireAction(input.action);
    return deny("API_KEY_SCOPE", `This API key may not be used for ${input.action}.`, [
      { type: "api_key", apiKeyId: key.apiKeyId },
    ]);
  }
  if (nowMs >= policy.memo.validUntilMs || nowMs < policy.memo.fromMs) resetMemo(policy, nowMs);
  const slot = memoSlot(input);
  if (slot >= 0 && shouldLookUp(policy.memo)) {
    const known = memoGet(policy, input, slot, nowMs);
    if (policy.memo.size >= MEMO_LIMIT) noteLookup(policy.memo, known !== undefined);
    if (known !== undefined) return known;
  }
  const action = requireAction(input.action);
  const resource = resolveResource(policy, action, input.resource);
  const principal = resolvePrincipal(policy, input.subject);
  const decision = principal
    ? decideFor(policy, principal, action, resource, input.context ?? NO_CONTEXT, nowMs)
    : deny("NOT_A_MEMBER", "This person is not a member of the organization.");
  if (slot >= 0 && policy.memo.size < MEMO_LIMIT) {
    memoPut(policy, input, slot, decision, ownName(resource, input.resource));
  }
  return decision;
}

/**
 * The resource's id or key as the policy holds it, for the memo to keep: a key of the policy's own
 * costs no memory, and the check's could be a view into the whole request body (src/http/check-body.ts).
 * Undefined for the org and the AI product's own resources, which have none.
 */
function ownName(resource: ResolvedResource, ref: ResourceRef): string | undefined {
  switch (resource.type) {
    case "team":
      return resource.teamId;
    case "agent":
    case "knowledge_base":
    case "integration":
    case "model":
    case "team_space":
      return ref.id !== undefined ? resource.entry.id : resource.entry.key;
    case "context_file":
      return resource.entry.id;
    default:
      return undefined;
  }
}

/**
 * The action named by `action`, as the catalog's own string: decisions and the caches they are kept in
 * refer to it, never to the request's (which can be a view into the whole request body, see
 * src/http/check-body.ts).
 */
export function requireAction(action: string): Action {
  const known = ACTION_INDEX.get(action);
  if (known !== undefined) return known.name;
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

function resolveResource(policy: Policy, action: Action, ref: ResourceRef): ResolvedResource {
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
        type: ref.type as ExternalKind,
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

export function decideFor(
  policy: Policy,
  principal: Principal,
  action: Action,
  resource: ResolvedResource,
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
    return allow(`Allowed as ${teamRole} of ${theTeam(name)}.`, [
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
function teamOf(resource: ResolvedResource, context: CheckContext): string | null {
  if (resource.type === "team") return resource.teamId;
  if (resource.type === "agent" && resource.entry.scope === "team") return resource.entry.teamId;
  if (resource.type === "context_file" && resource.entry.scope === "team") return resource.entry.teamId;
  if (resource.type === "org" && context.scope === "team") return context.teamId ?? null;
  return null;
}
