import type { OrgRole, TeamRole } from "../roles.js";
import type { Decision, Via } from "./decision.js";
import type { IdMemo } from "./id-memo.js";
import type { PeopleIndex } from "./people-index.js";
import type { EffectiveRules, PermissionSetRules } from "./permission-sets.js";
import type {
  AgentScope,
  ContextFileScope,
  ExternalKind,
  KnowledgeBaseVisibility,
  PolicyData,
  ShareLevel,
  SpaceLevel,
} from "./policy-data.js";

export type { ExternalKind };

/**
 * An org's access policy compiled into maps: what `decide` reads. Immutable once built; a change in
 * the org builds a new one (the engine swaps it in when the org's access version moves).
 */
export type Principal = {
  /** null for a team acting through a team API key. */
  userId: string | null;
  /**
   * The person's position in the compiled people table (people-index.ts), compared instead of ids;
   * -1 for a team key and for people kept outside the table.
   */
  personIndex: number;
  name: string;
  role: OrgRole;
  department: string | null;
  teamRoles: ReadonlyMap<string, TeamRole>;
  /** Permission sets that apply, in order: department, teams, personal. */
  sets: readonly { id: string; source: SetSource }[];
  projectIds: readonly string[];
  /** Combined lazily, once per policy. */
  rules: EffectiveRules | undefined;
};

export type SetSource =
  | { type: "department"; department: string }
  | { type: "team"; teamId: string }
  | { type: "user" };

/** A team's reach on a resource, from a share, a team space or the resource's own team. */
export type TeamGrant = { level: ShareLevel; via: "share" | "team" | "team_space"; spaceId?: string };

export type AgentEntry = {
  id: string;
  key: string;
  name: string;
  scope: AgentScope;
  ownerId: string | null;
  /** The owner's `personIndex`, or -1 when the owner is not in the people table. */
  ownerIndex: number;
  teamId: string | null;
  teamGrants: Map<string, TeamGrant>;
  projectIds: string[];
  /** The answers every check of this agent shares, made on its first check (see decide-agents.ts). */
  answers: AgentAnswers | undefined;
};

/** A grant on an agent with the words that explain it, made once and shared by every decision it makes. */
export type HeldGrant = {
  level: ShareLevel;
  via: Via;
  expiresAt?: string;
  /** The allow it gives (frozen, shared). */
  allowed: Decision;
  /** Its denials of actions that need more, by action (frozen, shared). */
  tooLow: Map<string, Decision>;
};

export type AgentAnswers = {
  /** Team → the strongest grant the team holds (share, team agent, team space). */
  byTeam: Map<string, HeldGrant>;
  orgWide: HeldGrant | null;
  /** "No access" for a person and for a viewer, when no project could have said more. */
  noAccess: { person: Decision; viewer: Decision } | null;
  /** A team agent held in full by its team's admins and owners, by team role; made on first use. */
  byTeamRole: Map<TeamRole, HeldGrant>;
  /** What the agent's projects give their members, by project; made on first use. */
  byProject: Map<string, HeldGrant>;
};

export type ContextFileEntry = {
  id: string;
  name: string;
  scope: ContextFileScope;
  ownerId: string | null;
  teamId: string | null;
};

export type KnowledgeBaseEntry = {
  id: string;
  key: string;
  name: string;
  visibility: KnowledgeBaseVisibility;
  department: string | null;
  teamId: string | null;
  ownerId: string | null;
  spaceGrants: Map<string, { level: SpaceLevel; spaceId: string }>;
  projectIds: string[];
};

export type IntegrationEntry = {
  id: string;
  key: string;
  name: string;
  enabled: boolean;
  /**
   * Set once it was shared with teams: then only teams with a share (or a team space or project
   * holding it) may use it, even after the last share is removed. Any share restricts it too.
   */
  restricted: boolean;
  dataScopes: readonly string[];
  /** Team → data scope. */
  shares: Map<string, string>;
  spaceGrants: Map<string, { level: SpaceLevel; spaceId: string }>;
  projectIds: string[];
};

export type ModelEntry = { id: string; key: string; name: string; enabled: boolean };
export type TeamSpaceEntry = {
  id: string;
  key: string;
  name: string;
  /** Teams whose access covers the whole space: its resources, chats and files, and the space itself. */
  access: Map<string, SpaceLevel>;
  /**
   * Teams whose access covers only some of its resources (mixus "Related teams: Specific resource
   * access"), each resource as `type:id` (see `spaceResourceRef`). They do not reach the space itself.
   */
  listed: Map<string, { level: SpaceLevel; resources: ReadonlySet<string> }>;
};
export type ProjectEntry = {
  id: string;
  name: string;
  startsAtMs: number;
  endsAtMs: number;
  endedAtMs: number | null;
  /**
   * Who is in it, as its member rows name them: people by id, teams by id, departments by
   * departmentKey. A check asks these (see isProjectMember) rather than the person's list of projects,
   * which at a million people is one of tens of thousands of lists and so a cache miss.
   */
  members: {
    userIds: Set<string>;
    /** The same people by their place in the people table (personIndex), for those who have one. */
    personIndexes: Set<number>;
    /** A project has few teams and departments: lists, read in a loop. */
    teamIds: string[];
    departments: string[];
  };
};
/** Who is asking: a signed-in person, a personal API key (acts as its owner) or a team API key. */
export type DecisionCaller =
  | { kind: "user"; userId: string; apiKey: { id: string; scopes: ReadonlySet<string> | null } | null }
  | { kind: "team"; teamId: string; apiKey: { id: string; scopes: ReadonlySet<string> | null } };

export type ApiKeyEntry = PolicyData["apiKeys"][number] & {
  expiresAtMs: number | null;
  /**
   * Who the key acts as, made when the policy is compiled (a policy is never changed, only replaced):
   * its team, or its owner while a member of the org; null for a personal key whose owner left.
   */
  caller: Readonly<DecisionCaller> | null;
};

export type Policy = {
  orgId: string;
  version: number;
  defaultUploadLimitBytes: number | null;
  people: PeopleIndex;
  teams: Map<string, { id: string; name: string; setIds: string[]; projectIds: string[] }>;
  sets: Map<string, { id: string; key: string; name: string; rules: PermissionSetRules }>;
  agents: Map<string, AgentEntry>;
  agentsByKey: Map<string, AgentEntry>;
  contextFiles: Map<string, ContextFileEntry>;
  knowledgeBases: Map<string, KnowledgeBaseEntry>;
  knowledgeBasesByKey: Map<string, KnowledgeBaseEntry>;
  integrations: Map<string, IntegrationEntry>;
  integrationsByKey: Map<string, IntegrationEntry>;
  models: Map<string, ModelEntry>;
  modelsByKey: Map<string, ModelEntry>;
  teamSpaces: Map<string, TeamSpaceEntry>;
  teamSpacesByKey: Map<string, TeamSpaceEntry>;
  projects: Map<string, ProjectEntry>;
  /** The AI product's files and conversations that Gatehouse knows by id: the team spaces they are in. */
  externalInSpaces: Map<string, string[]>;
  /** The AI product's files that projects hold: the projects each is in. */
  filesInProjects: Map<string, string[]>;
  /** What each of those ids is, as the space or project that holds it says (the access report lists them). */
  externalKinds: Map<string, ExternalKind>;
  apiKeysByHash: Map<string, ApiKeyEntry>;
  /** Team principals (team API keys), built on first use. */
  teamPrincipals: Map<string, Principal>;
  /** Decisions already made against this policy (see `evaluate`): subject → resource id or key → action. */
  memo: DecisionMemo;
};

export type DecisionMemo = {
  size: number;
  /**
   * Kept decisions hold until then: the next project start, which may turn denials into allows.
   * -Infinity before the first decision.
   */
  validUntilMs: number;
  /** The earliest time a kept decision was made at (a clock set back starts afresh). */
  fromMs: number;
  /** Once full: how the last lookups fared, and whether lookups are being skipped (see evaluate.ts). */
  looked: number;
  hits: number;
  skipped: number;
  bypass: boolean;
  users: Map<string, SubjectMemo>;
  teams: Map<string, SubjectMemo>;
  /** Decisions of checks that carry their ids as numbers (check-ids.ts), kept apart (id-memo.ts). */
  byIds: IdMemo;
};

/**
 * One subject's kept decisions: for each resource, by its id (or its key, when a check names only a
 * key), the rows of the actions asked of it (see decision-memo.ts).
 */
export type SubjectMemo = Map<string, MemoRow>;

/**
 * A kept decision: which action on which namespace it answers (`tag`), the decision, until when it
 * holds, and the next action asked of the same resource. A subject asks few actions of one resource,
 * so following them is quicker than another map, and far smaller.
 */
export type MemoRow = {
  readonly tag: number;
  readonly decision: Decision;
  /** Whether the decision ends by itself (a project's), at `untilMs`. */
  readonly expires: boolean;
  readonly untilMs: number;
  next: MemoRow | undefined;
};
