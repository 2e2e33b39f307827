import type { OrgRole, TeamRole } from "../roles.js";

/**
 * The capability table: every action the AI product can ask Gatehouse about, one row per ✅ or ❌ line of
 * the seeds' role lists (mixus "Organization Admin", "Team Member", "Viewer"; auxot's User / Admin and
 * team Member / Admin / Owner). Served at GET /api/v1/capabilities and printed in docs/capabilities.md.
 *
 * - `resource`: what the check names. `org` actions are about the organization as a whole; the others
 *   name one resource of that type (registered in Gatehouse, or described by attributes for the AI
 *   product's own conversations and files).
 * - `roles`: the org roles that may ever do it: the ceiling. Nothing (a share, a project, a permission
 *   set) lifts a person above it; a viewer can never create, run or integrate.
 * - `teamRoles`: team roles that grant it inside their own team even without the org role.
 */
export const RESOURCE_TYPES = [
  "org",
  "team",
  "agent",
  "context_file",
  "knowledge_base",
  "integration",
  "model",
  "team_space",
  "conversation",
  "file",
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export type ActionSpec = {
  resource: ResourceType;
  roles: readonly OrgRole[];
  teamRoles?: readonly TeamRole[];
  /** The seed line it comes from, word for word. */
  seed: string;
  group: "Organization management" | "AI and content" | "Collaboration" | "Viewing" | "Team";
};

const ALL: readonly OrgRole[] = ["admin", "member", "viewer"];
const WORKERS: readonly OrgRole[] = ["admin", "member"];
const ADMIN: readonly OrgRole[] = ["admin"];

export const ACTIONS = {
  // mixus, Organization Admin: Organization Management
  "billing:manage": {
    resource: "org",
    roles: ADMIN,
    seed: "Manage billing and subscriptions",
    group: "Organization management",
  },
  "members:invite": {
    resource: "org",
    roles: ADMIN,
    seed: "Invite and remove team members",
    group: "Organization management",
  },
  "members:remove": {
    resource: "org",
    roles: ADMIN,
    seed: "Invite and remove team members",
    group: "Organization management",
  },
  "sso:configure": {
    resource: "org",
    roles: ADMIN,
    seed: "Configure SSO and security settings",
    group: "Organization management",
  },
  "security:configure": {
    resource: "org",
    roles: ADMIN,
    seed: "Configure SSO and security settings",
    group: "Organization management",
  },
  "analytics:view": {
    resource: "org",
    roles: ADMIN,
    seed: "Access usage analytics and reports",
    group: "Organization management",
  },
  "integrations:manage": {
    resource: "org",
    roles: ADMIN,
    seed: "Manage integrations and connections",
    group: "Organization management",
  },
  "policies:configure": {
    resource: "org",
    roles: ADMIN,
    seed: "Configure organization-wide policies",
    group: "Organization management",
  },
  // auxot, Admin: "managing licenses and credentials"
  "credentials:manage": {
    resource: "org",
    roles: ADMIN,
    seed: "Admin — manage licenses and credentials",
    group: "Organization management",
  },
  "licenses:manage": {
    resource: "org",
    roles: ADMIN,
    seed: "Admin — manage licenses and credentials",
    group: "Organization management",
  },
  "decisions:check": {
    resource: "org",
    roles: ADMIN,
    seed: "(Gatehouse) ask what someone else may do",
    group: "Organization management",
  },
  // mixus, Organization Admin: AI and Content
  "agents:manage-all": {
    resource: "org",
    roles: ADMIN,
    seed: "Create and manage all agents",
    group: "AI and content",
  },
  "conversations:access-all": {
    resource: "org",
    roles: ADMIN,
    seed: "Access all conversations and files",
    group: "AI and content",
  },
  "files:access-all": {
    resource: "org",
    roles: ADMIN,
    seed: "Access all conversations and files",
    group: "AI and content",
  },
  "models:configure": {
    resource: "org",
    roles: ADMIN,
    seed: "Configure AI model access",
    group: "AI and content",
  },
  "knowledge-bases:manage": {
    resource: "org",
    roles: ADMIN,
    seed: "Manage knowledge bases",
    group: "AI and content",
  },
  // mixus, Team Member: AI Capabilities (a viewer: "Cannot create or modify content", "Cannot run agents or tools", "Cannot access integrations")
  "agents:create": {
    resource: "org",
    roles: WORKERS,
    seed: "Create and run personal agents",
    group: "AI and content",
  },
  "agents:run": {
    resource: "agent",
    roles: WORKERS,
    seed: "Create and run personal agents",
    group: "AI and content",
  },
  "agents:view": {
    resource: "agent",
    roles: ALL,
    seed: "View shared conversations (agents shared view_only)",
    group: "Viewing",
  },
  "agents:edit": {
    resource: "agent",
    roles: WORKERS,
    teamRoles: ["admin", "owner"],
    seed: "Team Admin — configures the team’s agents",
    group: "AI and content",
  },
  "agents:delete": {
    resource: "agent",
    roles: WORKERS,
    teamRoles: ["admin", "owner"],
    seed: "Create and manage all agents",
    group: "AI and content",
  },
  "models:use": { resource: "model", roles: WORKERS, seed: "Access all AI models", group: "AI and content" },
  "integrations:use": {
    resource: "integration",
    roles: WORKERS,
    seed: "Use integrations and tools",
    group: "AI and content",
  },
  "files:upload": {
    resource: "org",
    roles: WORKERS,
    seed: "Upload and analyze files",
    group: "AI and content",
  },
  "files:analyze": {
    resource: "file",
    roles: WORKERS,
    seed: "Upload and analyze files",
    group: "AI and content",
  },
  "conversations:participate": {
    resource: "conversation",
    roles: WORKERS,
    seed: "Participate in team conversations",
    group: "AI and content",
  },
  "knowledge-bases:create": {
    resource: "org",
    roles: WORKERS,
    seed: "Build personal knowledge bases",
    group: "AI and content",
  },
  "knowledge-bases:edit": {
    resource: "knowledge_base",
    roles: WORKERS,
    seed: "Manage knowledge bases",
    group: "AI and content",
  },
  "context-files:create": {
    resource: "org",
    roles: WORKERS,
    teamRoles: ["admin", "owner"],
    seed: "User — creates Personal context files; Admin — creating Org-scoped context files",
    group: "AI and content",
  },
  "context-files:read": {
    resource: "context_file",
    roles: ALL,
    seed: "Inviting a teammate gives them access to the context files you’ve added",
    group: "AI and content",
  },
  "context-files:edit": {
    resource: "context_file",
    roles: WORKERS,
    teamRoles: ["admin", "owner"],
    seed: "Team Admin — configures the team’s … context files",
    group: "AI and content",
  },
  "api-keys:manage-own": {
    resource: "org",
    roles: WORKERS,
    seed: "User — manages their own API keys",
    group: "AI and content",
  },
  // mixus, Team Member: Collaboration
  "agents:share": {
    resource: "agent",
    roles: WORKERS,
    seed: "Share agents with team members",
    group: "Collaboration",
  },
  "team-spaces:join": {
    resource: "team_space",
    roles: WORKERS,
    seed: "Join team spaces and conversations",
    group: "Collaboration",
  },
  "comments:create": {
    resource: "conversation",
    roles: WORKERS,
    seed: "Comment on shared content",
    group: "Collaboration",
  },
  // mixus, Viewer: View-Only Access
  "conversations:view": {
    resource: "conversation",
    roles: ALL,
    seed: "View shared conversations",
    group: "Viewing",
  },
  "files:view": { resource: "file", roles: ALL, seed: "Read shared documents and reports", group: "Viewing" },
  "knowledge-bases:read": {
    resource: "knowledge_base",
    roles: ALL,
    seed: "Access public knowledge bases",
    group: "Viewing",
  },
  "team-spaces:view": {
    resource: "team_space",
    roles: ALL,
    seed: "Leadership: View access (team spaces)",
    group: "Viewing",
  },
  "notifications:receive": {
    resource: "org",
    roles: ALL,
    seed: "Receive notifications and updates",
    group: "Viewing",
  },
  // auxot, team roles
  "tool-policies:configure": {
    resource: "team",
    roles: ADMIN,
    teamRoles: ["admin", "owner"],
    seed: "Team Admin — configures the team’s agents, tool policies, and context files",
    group: "Team",
  },
  "team-members:manage": {
    resource: "team",
    roles: ADMIN,
    teamRoles: ["admin", "owner"],
    seed: "Team Admin — manages team membership",
    group: "Team",
  },
  "team-api-keys:manage": {
    resource: "team",
    roles: ADMIN,
    teamRoles: ["admin", "owner"],
    seed: "Create a shared Team API Key (auxot tutorial 11)",
    group: "Team",
  },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/**
 * Each action's position in ACTION_NAMES and its resource type, by name: a Map, so that looking up a
 * name a request sent costs one hash lookup (a keyed property load with ever-changing names goes
 * through V8's shared megamorphic cache, which other code keeps evicting).
 */
export const ACTION_INDEX: ReadonlyMap<string, { name: Action; index: number; resource: ResourceType }> =
  new Map(
    ACTION_NAMES.map((name, index) => [
      name,
      { name, index, resource: ACTIONS[name].resource as ResourceType },
    ]),
  );

export function isAction(value: string): value is Action {
  return ACTION_INDEX.has(value);
}

/** The mixus ❌ lines and which actions embody them, for the capability table's "cannot" column. */
export const SEED_DENIALS = [
  { role: "member", seed: "Cannot manage other users", actions: ["members:invite", "members:remove"] },
  {
    role: "viewer",
    seed: "Cannot create or modify content",
    actions: [
      "agents:create",
      "knowledge-bases:create",
      "context-files:create",
      "agents:edit",
      "knowledge-bases:edit",
      "context-files:edit",
      "files:upload",
      "comments:create",
    ],
  },
  {
    role: "viewer",
    seed: "Cannot run agents or tools",
    actions: ["agents:run", "models:use", "files:analyze"],
  },
  { role: "viewer", seed: "Cannot access integrations", actions: ["integrations:use"] },
] as const satisfies readonly { role: OrgRole; seed: string; actions: readonly Action[] }[];
