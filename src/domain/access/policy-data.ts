import type { OrgRole, TeamRole } from "../roles.js";
import type { PermissionSetRules } from "./permission-sets.js";

/**
 * Everything the decision engine knows about one org, as plain rows: what the loader reads from the
 * database, and what tests and benchmarks build by hand. `compilePolicy` turns it into maps.
 */
export const AGENT_SCOPES = ["personal", "team", "org"] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];
export const CONTEXT_FILE_SCOPES = AGENT_SCOPES;
export type ContextFileScope = AgentScope;

/** Agent sharing levels (mixus "shared_agents"): what a team may do with someone else's agent. */
export const SHARE_LEVELS = ["view_only", "run_only", "full"] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/** Team space access (mixus "Access Control"): Full access / View access / No access. */
export const SPACE_LEVELS = ["none", "view", "full"] as const;
export type SpaceLevel = (typeof SPACE_LEVELS)[number];
/**
 * What a team's access to a space covers: the whole space, or (mixus "Related teams: Specific resource
 * access") only the space's resources listed for the team, at its level.
 */
export const SPACE_REACHES = ["space", "resources"] as const;
export type SpaceReach = (typeof SPACE_REACHES)[number];

export const KB_VISIBILITIES = ["public", "department", "team", "personal"] as const;
export type KnowledgeBaseVisibility = (typeof KB_VISIBILITIES)[number];

/** The data scope that covers every other one of an integration. */
export const FULL_ACCESS_SCOPE = "full_access";

export const PROJECT_MEMBER_TYPES = ["user", "team", "department"] as const;
export type ProjectMemberType = (typeof PROJECT_MEMBER_TYPES)[number];
export const PROJECT_RESOURCE_TYPES = ["agent", "integration", "knowledge_base", "file"] as const;
export type ProjectResourceType = (typeof PROJECT_RESOURCE_TYPES)[number];
export const SPACE_RESOURCE_TYPES = [
  "agent",
  "integration",
  "knowledge_base",
  "file",
  "conversation",
] as const;
export type SpaceResourceType = (typeof SPACE_RESOURCE_TYPES)[number];
/** The AI product's own resources, which Gatehouse decides from what a check or a space or project says of them. */
export const EXTERNAL_KINDS = ["file", "conversation"] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

/**
 * A resource of a team space as one string, `agent:<id>`, `file:<id>`…: how the engine, the access
 * service and the console tell a space's resources apart.
 */
export function spaceResourceRef(type: string, id: string): string {
  return `${type}:${id}`;
}

export const ASSIGNMENT_TARGETS = ["department", "team", "user"] as const;
export type AssignmentTarget = (typeof ASSIGNMENT_TARGETS)[number];

export type PolicyData = {
  orgId: string;
  version: number;
  /** Upload limit when no permission set says otherwise; null: none. */
  defaultUploadLimitBytes: number | null;
  members: readonly { userId: string; name: string; role: OrgRole; department: string | null }[];
  teams: readonly { id: string; name: string }[];
  teamMembers: readonly { teamId: string; userId: string; role: TeamRole }[];
  permissionSets: readonly { id: string; key: string; name: string; rules: PermissionSetRules }[];
  assignments: readonly { setId: string; targetType: AssignmentTarget; targetId: string }[];
  agents: readonly {
    id: string;
    key: string;
    name: string;
    scope: AgentScope;
    ownerId: string | null;
    teamId: string | null;
  }[];
  agentShares: readonly { agentId: string; teamId: string; level: ShareLevel }[];
  contextFiles: readonly {
    id: string;
    name: string;
    scope: ContextFileScope;
    ownerId: string | null;
    teamId: string | null;
  }[];
  knowledgeBases: readonly {
    id: string;
    key: string;
    name: string;
    visibility: KnowledgeBaseVisibility;
    department: string | null;
    teamId: string | null;
    ownerId: string | null;
  }[];
  integrations: readonly {
    id: string;
    key: string;
    name: string;
    enabled: boolean;
    /** Only the teams it is shared with may use it (otherwise every member). */
    restricted: boolean;
    dataScopes: readonly string[];
  }[];
  integrationShares: readonly { integrationId: string; teamId: string; dataScope: string }[];
  models: readonly { id: string; key: string; name: string; enabled: boolean }[];
  teamSpaces: readonly { id: string; key: string; name: string }[];
  teamSpaceAccess: readonly { teamSpaceId: string; teamId: string; level: SpaceLevel; reach: SpaceReach }[];
  /** The resources of a space that a team whose access has `reach: "resources"` reaches. */
  teamSpaceAccessResources: readonly {
    teamSpaceId: string;
    teamId: string;
    resourceType: SpaceResourceType;
    resourceId: string;
  }[];
  teamSpaceResources: readonly { teamSpaceId: string; resourceType: SpaceResourceType; resourceId: string }[];
  projects: readonly { id: string; name: string; startsAt: string; endsAt: string; endedAt: string | null }[];
  projectMembers: readonly { projectId: string; memberType: ProjectMemberType; memberRef: string }[];
  projectResources: readonly { projectId: string; resourceType: ProjectResourceType; resourceId: string }[];
  apiKeys: readonly {
    id: string;
    kind: "personal" | "team";
    userId: string | null;
    teamId: string | null;
    scopes: readonly string[] | null;
    expiresAt: string | null;
    secretHash: string;
  }[];
};

/** Department labels compare without case or surrounding spaces ("Marketing" is "marketing"). */
export function departmentKey(department: string): string {
  return department.trim().toLowerCase();
}
