import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  AgentScope,
  AssignmentTarget,
  ContextFileScope,
  KnowledgeBaseVisibility,
  ProjectMemberType,
  ProjectResourceType,
  ShareLevel,
  SpaceLevel,
  SpaceReach,
  SpaceResourceType,
} from "../domain/access/policy-data.js";
import type { AuditSource } from "../domain/audit.js";
import type { ImportFormat, ImportOutcome } from "../domain/imports.js";
import type { InvitationStatus } from "../domain/invitation.js";
import type { Plan } from "../domain/plans.js";
import type { OrgRole, TeamRole } from "../domain/roles.js";

/**
 * Table types. Timestamps are ISO 8601 strings in UTC on both dialects (`timestamptz` on PostgreSQL,
 * text on SQLite; the client parses PostgreSQL's to the same form), so one code path serves both.
 */
export type Timestamp = string;

export type UsersTable = {
  id: string;
  email: string;
  name: string;
  /** Null for accounts that can only sign in through SSO (later). */
  password_hash: string | null;
  /** When the email was proven (an accepted invitation, the first admin, an SSO provider); null: never. */
  email_verified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type OrgsTable = {
  id: string;
  name: string;
  plan: Plan;
  /** Overrides the plan's default seat limit; null means "the plan's default". */
  seat_limit: number | null;
  /** The team every member belongs to on single-team plans. */
  default_team_id: string | null;
  /** Bumped in the same transaction as any access change (the decision engine's cache key). */
  access_version: number;
  /** Upload limit when no permission set says otherwise; null: none. */
  default_upload_limit_bytes: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type MembershipsTable = {
  id: string;
  org_id: string;
  user_id: string;
  role: OrgRole;
  department: string | null;
  /** 'suspended' (SCIM active: false): kept, but gets nothing until reactivated. */
  status: Generated<MembershipStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Team import (issue 4): the manager named in the CSV; the user id once that person is a member. */
  manager_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  manager_email: ColumnType<string | null, string | null | undefined, string | null>;
};

export type MembershipStatus = "active" | "suspended";

export type TeamsTable = {
  id: string;
  org_id: string;
  name: string;
  /** Case-folded name: team names are unique per org regardless of case. */
  name_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TeamMembershipsTable = {
  team_id: string;
  user_id: string;
  org_id: string;
  role: TeamRole;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InvitationsTable = {
  id: string;
  org_id: string;
  email: string;
  role: OrgRole;
  team_id: string | null;
  team_role: TeamRole | null;
  department: string | null;
  message: string | null;
  status: InvitationStatus;
  /** SHA-256 of the current link's token; replaced on resend, so the old link stops working. */
  token_hash: string;
  expires_at: Timestamp;
  /** How long a link lives, in days; a resend gives the fresh link as long again. */
  expiry_days: number;
  invited_by: string | null;
  idempotency_key: string | null;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The current token sealed (AES-256-GCM) for the email worker; null once accepted, revoked or expired. */
  token_sealed: string | null;
  reminded_at: Timestamp | null;
  /** When the expiry sweep recorded `invitation.expired` (once). */
  expiry_recorded_at: Timestamp | null;
};

/** Per org, invitations by stored status and how many were resent; kept by triggers (migration 0013). */
export type InvitationCountersTable = {
  org_id: string;
  pending: number;
  accepted: number;
  expired: number;
  revoked: number;
  resent: number;
};

/** Per org and UTC day (YYYY-MM-DD), invitations sent and accepted; kept by triggers (migration 0013). */
export type InvitationDailyCountsTable = {
  org_id: string;
  day: string;
  sent: number;
  accepted: number;
};

/** Per org and UTC day (YYYY-MM-DD), memberships created that day that still exist; kept by triggers (0015). */
export type MembershipDailyJoinsTable = {
  org_id: string;
  day: string;
  joined: number;
};

export type SessionsTable = {
  /** SHA-256 of the cookie's token. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
};

export type AuditEventsTable = {
  id: string;
  org_id: string | null;
  actor_user_id: string | null;
  source: AuditSource;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON of the target before and after the change; null where there was none. */
  before: string | null;
  after: string | null;
  created_at: Timestamp;
  /** Hash chain (migration 0006): the org id or "global", 1.. in the chain, previous entry's hash. */
  chain_id: string;
  seq: number;
  prev_hash: string;
  hash: string;
  actor_api_key_id: string | null;
};

/** The last entry of each audit chain: the row an appending transaction locks. */
export type AuditChainHeadsTable = {
  chain_id: string;
  seq: number;
  hash: string;
};

export type InstanceSettingsTable = {
  key: string;
  value: string;
  updated_at: Timestamp;
};

export type RateLimitCountersTable = {
  /** Route and client (IP) the window counts for. */
  key: string;
  window_start_ms: number;
  hits: number;
};

export type PermissionSetsTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  description: string | null;
  kind: "shared" | "personal";
  /** The seed's JSON for one set. */
  rules: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PermissionSetAssignmentsTable = {
  set_id: string;
  org_id: string;
  target_type: AssignmentTarget;
  target_id: string;
  created_at: Timestamp;
};

export type AgentsTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  description: string | null;
  scope: AgentScope;
  owner_user_id: string | null;
  team_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AgentSharesTable = {
  agent_id: string;
  team_id: string;
  org_id: string;
  level: ShareLevel;
  created_at: Timestamp;
};

export type ContextFilesTable = {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  scope: ContextFileScope;
  owner_user_id: string | null;
  team_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type KnowledgeBasesTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  visibility: KnowledgeBaseVisibility;
  department: string | null;
  team_id: string | null;
  owner_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type IntegrationsTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  /** JSON list of named data scopes besides full_access. */
  data_scopes: string;
  status: "enabled" | "disabled";
  /** "org": every member unless it has shares; "teams": only the teams it is shared with. */
  audience: Generated<"org" | "teams">;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type IntegrationSharesTable = {
  integration_id: string;
  team_id: string;
  org_id: string;
  data_scope: string;
  created_at: Timestamp;
};

export type ModelsTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  provider: string | null;
  status: "enabled" | "disabled";
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TeamSpacesTable = {
  id: string;
  org_id: string;
  key: string;
  name: string;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TeamSpaceAccessTable = {
  team_space_id: string;
  team_id: string;
  org_id: string;
  level: SpaceLevel;
  /** The whole space, or only the resources listed for the team in team_space_access_resources. */
  reach: ColumnType<SpaceReach, SpaceReach | undefined, SpaceReach>;
};

/** mixus "Related teams: Specific resource access": the space's resources a `reach = 'resources'` team reaches. */
export type TeamSpaceAccessResourcesTable = {
  team_space_id: string;
  team_id: string;
  org_id: string;
  resource_type: SpaceResourceType;
  resource_id: string;
};

export type TeamSpaceResourcesTable = {
  team_space_id: string;
  org_id: string;
  resource_type: SpaceResourceType;
  resource_id: string;
};

export type ProjectsTable = {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  ended_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ProjectMembersTable = {
  project_id: string;
  org_id: string;
  member_type: ProjectMemberType;
  member_ref: string;
};

export type ProjectResourcesTable = {
  project_id: string;
  org_id: string;
  resource_type: ProjectResourceType;
  resource_id: string;
};

export type AgentCreationRequestsTable = {
  id: string;
  org_id: string;
  requester_user_id: string;
  agent_key: string;
  agent_name: string;
  description: string | null;
  status: "pending" | "approved" | "denied";
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  agent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ApiKeysTable = {
  id: string;
  org_id: string;
  kind: "personal" | "team";
  user_id: string | null;
  team_id: string | null;
  created_by: string | null;
  name: string;
  prefix: string;
  secret_hash: string;
  /** JSON list of actions; null: whatever the holder may do. */
  scopes: string | null;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  created_at: Timestamp;
};

export type JobState = "queued" | "running" | "done" | "failed";

export type JobsTable = {
  id: string;
  kind: string;
  org_id: string | null;
  /** JSON. */
  payload: string;
  unique_key: string | null;
  state: JobState;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
};

export type GroupMappingsTable = {
  id: string;
  org_id: string;
  /** Order of the rules: the first rule with a department wins. */
  position: number;
  group_name: string;
  /** `groupKey(group_name)`: trimmed and lower-cased. */
  group_key: string;
  role: OrgRole | null;
  team_id: string | null;
  team_role: TeamRole | null;
  department: string | null;
  created_at: Timestamp;
};

export type DirectoryGroupSource = "sso" | "scim";

export type MemberDirectoryGroupsTable = {
  org_id: string;
  user_id: string;
  source: DirectoryGroupSource;
  group_key: string;
  group_name: string;
  updated_at: Timestamp;
};

export type EmailMessagesTable = {
  id: string;
  org_id: string;
  invitation_id: string | null;
  /** signup: a sign-up verification link; signup_existing: "you already have an account, sign in". */
  kind: "invitation" | "reminder" | "signup" | "signup_existing";
  to_address: string;
  status: "queued" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** The sign-up verification a `signup` email carries the link of. */
  email_verification_id: string | null;
};

/** A self sign-up's proof of email: single use, expiring; looked up by the token's SHA-256 only. */
export type EmailVerificationsTable = {
  id: string;
  /** Normalized (trimmed, lower-case). */
  email: string;
  token_hash: string;
  /** The raw token sealed to this row, for the outbox worker; null once used. */
  token_sealed: string | null;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  /** The account the sign-up created. */
  user_id: string | null;
  created_at: Timestamp;
};

export type EmailTemplatesTable = {
  org_id: string;
  kind: "invitation" | "reminder";
  subject: string;
  text: string;
  html: string;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type OrgDomainsTable = {
  id: string;
  org_id: string;
  /** Lower-case ASCII (punycode), no trailing dot. */
  domain: string;
  verification_token: string;
  verified_at: Timestamp | null;
  /** 0 or 1 (integers on both dialects). */
  include_subdomains: number;
  mode: "off" | "auto" | "approval";
  default_role: OrgRole;
  /** JSON: department key -> role. */
  departments: string;
  /** 0 or 1. */
  require_sso: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type JoinRequestStatus = "pending" | "approved" | "declined";

export type JoinRequestsTable = {
  id: string;
  org_id: string;
  user_id: string;
  domain_id: string | null;
  email: string;
  department: string | null;
  role: OrgRole;
  status: JoinRequestStatus;
  /** Null with status approved: joined automatically (mode auto). */
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
};

export type ScimTokensTable = {
  id: string;
  org_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type ScimUsersTable = {
  id: string;
  org_id: string;
  user_id: string;
  external_id: string | null;
  user_name: string;
  user_name_key: string;
  /** JSON: the SCIM attributes as last sent (without id, meta and groups). */
  attributes: string;
  /** 1 or 0. */
  active: number;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ScimGroupsTable = {
  id: string;
  org_id: string;
  display_name: string;
  display_name_key: string;
  external_id: string | null;
  /** JSON: other attributes as sent. */
  attributes: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ScimGroupMembersTable = { group_id: string; scim_user_id: string; org_id: string };

export type ScimRequestsTable = {
  id: string;
  org_id: string;
  token_prefix: string | null;
  method: string;
  path: string;
  status: number;
  scim_type: string | null;
  detail: string | null;
  duration_ms: number;
  created_at: Timestamp;
};

export type DB = {
  users: UsersTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  teams: TeamsTable;
  team_memberships: TeamMembershipsTable;
  invitations: InvitationsTable;
  invitation_counters: InvitationCountersTable;
  invitation_daily_counts: InvitationDailyCountsTable;
  membership_daily_joins: MembershipDailyJoinsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  instance_settings: InstanceSettingsTable;
  rate_limit_counters: RateLimitCountersTable;
  permission_sets: PermissionSetsTable;
  permission_set_assignments: PermissionSetAssignmentsTable;
  agents: AgentsTable;
  agent_shares: AgentSharesTable;
  context_files: ContextFilesTable;
  knowledge_bases: KnowledgeBasesTable;
  integrations: IntegrationsTable;
  integration_shares: IntegrationSharesTable;
  models: ModelsTable;
  team_spaces: TeamSpacesTable;
  team_space_access: TeamSpaceAccessTable;
  team_space_resources: TeamSpaceResourcesTable;
  team_space_access_resources: TeamSpaceAccessResourcesTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_resources: ProjectResourcesTable;
  agent_creation_requests: AgentCreationRequestsTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  group_mappings: GroupMappingsTable;
  member_directory_groups: MemberDirectoryGroupsTable;
  email_messages: EmailMessagesTable;
  email_verifications: EmailVerificationsTable;
  email_templates: EmailTemplatesTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  invitation_profiles: InvitationProfilesTable;
  org_domains: OrgDomainsTable;
  join_requests: JoinRequestsTable;
  oidc_connections: OidcConnectionsTable;
  user_identities: UserIdentitiesTable;
  sso_login_states: SsoLoginStatesTable;
  scim_tokens: ScimTokensTable;
  scim_users: ScimUsersTable;
  scim_groups: ScimGroupsTable;
  scim_group_members: ScimGroupMembersTable;
  scim_requests: ScimRequestsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
};

export type UserRow = Selectable<UsersTable>;
export type OrgRow = Selectable<OrgsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type TeamRow = Selectable<TeamsTable>;
export type TeamMembershipRow = Selectable<TeamMembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type InvitationUpdate = Updateable<InvitationsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type JobRow = Selectable<JobsTable>;
export type GroupMappingRow = Selectable<GroupMappingsTable>;
export type EmailMessageRow = Selectable<EmailMessagesTable>;
export type EmailVerificationRow = Selectable<EmailVerificationsTable>;
export type EmailTemplateRow = Selectable<EmailTemplatesTable>;

export type ImportsTable = {
  id: string;
  org_id: string;
  idempotency_key: string | null;
  file_sha256: string;
  format: ImportFormat;
  /** 0 or 1. */
  dry_run: number;
  status: "running" | "completed";
  total_rows: number;
  invited: number;
  already_member: number;
  already_invited: number;
  duplicate_in_file: number;
  invalid: number;
  created_by: string | null;
  source: AuditSource;
  created_at: Timestamp;
  finished_at: Timestamp | null;
};

export type ImportRowsTable = {
  import_id: string;
  line: number;
  email: string;
  outcome: ImportOutcome;
  reason: string | null;
  invitation_id: string | null;
};

export type InvitationProfilesTable = {
  invitation_id: string;
  org_id: string;
  first_name: string | null;
  last_name: string | null;
  manager_email: string | null;
};

export type ImportRow = Selectable<ImportsTable>;
export type ImportRowRow = Selectable<ImportRowsTable>;
export type OrgDomainRow = Selectable<OrgDomainsTable>;
export type JoinRequestRow = Selectable<JoinRequestsTable>;

/** An org's OIDC connection (issue 5). Flags are 0/1 integers on both dialects. */
export type OidcConnectionsTable = {
  org_id: string;
  issuer: string;
  client_id: string;
  /** Sealed with ctx.sealer: Gatehouse reads it back for the token request, never returns it. */
  client_secret_sealed: string;
  /** Space-separated, always including openid. */
  scopes: string;
  default_role: OrgRole;
  groups_claim: string;
  enabled: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** Who a provider's subject is: keyed on issuer + subject, never on email. */
export type UserIdentitiesTable = {
  id: string;
  issuer: string;
  subject: string;
  user_id: string;
  /** The org whose connection first provisioned or linked this identity. */
  org_id: string;
  email: string | null;
  email_verified: number;
  created_at: Timestamp;
  last_login_at: Timestamp;
};

/** A started SSO login; the state's hash is the key, the row is deleted when the callback consumes it. */
export type SsoLoginStatesTable = {
  state_hash: string;
  org_id: string;
  nonce: string;
  code_verifier_sealed: string;
  return_to: string;
  purpose: "login" | "test";
  started_by: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
};

export type OidcConnectionRow = Selectable<OidcConnectionsTable>;
export type UserIdentityRow = Selectable<UserIdentitiesTable>;
export type SsoLoginStateRow = Selectable<SsoLoginStatesTable>;

export type WebhookEndpointsTable = {
  id: string;
  org_id: string;
  url: string;
  description: string;
  /** JSON array of event types; empty: every event. */
  event_types: string;
  /** 1 or 0. */
  enabled: number;
  secret_sealed: string;
  disabled_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

export type WebhookDeliveriesTable = {
  id: string;
  endpoint_id: string;
  org_id: string;
  event_type: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
};

export type WebhookAttemptsTable = {
  id: string;
  delivery_id: string;
  at: Timestamp;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  response_body: string | null;
};
