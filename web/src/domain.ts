/**
 * The console's one door into the server's pure domain rules: labels, descriptions, plan rules and
 * permissions come from the same source as the API, so the UI can never drift from what it enforces.
 * Only pure modules of src/domain may be imported here (no db, http or node I/O).
 */
export { DEFAULT_MESSAGES, type ErrorCode } from "../../src/domain/errors.js";
export {
  DEFAULT_EXPIRY_DAYS,
  INVITATION_STATUSES,
  type InvitationStatus,
  MAX_EXPIRY_DAYS,
  MIN_EXPIRY_DAYS,
} from "../../src/domain/invitation.js";
export { can, ORG_PERMISSIONS, type Permission } from "../../src/domain/permissions.js";
export { DEFAULT_TEAM_NAME, PLAN_RULES, PLANS, type Plan, type PlanRules } from "../../src/domain/plans.js";
export {
  canGrantOrgRole,
  ORG_ROLE_DESCRIPTIONS,
  ORG_ROLE_LABELS,
  type OrgRole,
  TEAM_ROLE_DESCRIPTIONS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  type TeamRole,
} from "../../src/domain/roles.js";

/** The order the console offers org roles in: the seed's default choice first. */
export const ORG_ROLE_CHOICES = ["member", "admin", "viewer"] as const;

// The access model's vocabularies and wordings (src/domain/access): levels, scopes, sizes, time left.
export { describeRemaining } from "../../src/domain/access/durations.js";
export { kindAndName } from "../../src/domain/access/naming.js";
export {
  AGENT_SCOPES,
  type AgentScope,
  FULL_ACCESS_SCOPE,
  KB_VISIBILITIES,
  type KnowledgeBaseVisibility,
  SHARE_LEVELS,
  type ShareLevel,
  SPACE_LEVELS,
  SPACE_RESOURCE_TYPES,
  type SpaceLevel,
  type SpaceResourceType,
  spaceResourceRef,
} from "../../src/domain/access/policy-data.js";
export { MISSING_NAMES_HINT } from "../../src/domain/access/sharing.js";
export { formatSize } from "../../src/domain/access/sizes.js";
export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_EVENT,
  type WebhookEventType,
} from "../../src/domain/webhooks.js";
