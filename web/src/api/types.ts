import type { z } from "zod";
import type { AccessReport as AccessReportShape } from "../../../src/domain/access/reach";
import type { checkRequest as checkRequestSchema, decision } from "../../../src/http/schemas/decisions";
import type {
  assignmentsView,
  importPermissionSetsResult,
  massUpdateBody,
  massUpdateResult,
  permissionSetView,
  projectView,
  seedRulesInput,
} from "../../../src/http/schemas/policies";
import type {
  agentRequestView,
  agentShareView,
  agentView,
  contextFileView,
  integrationShareView,
  integrationView,
  knowledgeBaseView,
  modelView,
  sharingDocument,
  teamSpaceDetailView,
  teamSpaceView,
} from "../../../src/http/schemas/resources";
import type {
  acceptResult,
  historyEntry,
  invitationPreview,
  invitationView,
  invitationWithLink,
  memberView,
  meView,
  orgView,
  teamMembershipView,
  teamMemberView,
  teamView,
  userView,
} from "../../../src/http/schemas/views";
import type { ApiKeyView } from "../../../src/services/api-keys/api-key-view";
import type { ErrorCode } from "../domain";

/**
 * Response shapes of the REST API, inferred from the server's own response schemas
 * (src/http/schemas/views.ts): a type-only import, so nothing of the server reaches the bundle, and a
 * change to the API's shapes fails the console's typecheck instead of drifting apart.
 */
export type User = z.output<typeof userView>;
export type TeamMembership = z.output<typeof teamMembershipView>;
export type Me = z.output<typeof meView>;
export type Membership = Me["memberships"][number];
export type Organization = z.output<typeof orgView>;
export type Member = z.output<typeof memberView>;
export type Team = z.output<typeof teamView>;
export type TeamMember = z.output<typeof teamMemberView>;
export type Invitation = z.output<typeof invitationView>;
export type InvitationWithLink = z.output<typeof invitationWithLink>;
export type HistoryEntry = z.output<typeof historyEntry>;
export type InvitationPreview = z.output<typeof invitationPreview>;
export type AcceptResult = z.output<typeof acceptResult>;

// Governed resources (src/http/schemas/resources.ts)
export type Agent = z.output<typeof agentView>;
export type AgentShare = z.output<typeof agentShareView>;
export type AgentRequest = z.output<typeof agentRequestView>;
export type ContextFile = z.output<typeof contextFileView>;
export type KnowledgeBase = z.output<typeof knowledgeBaseView>;
export type Integration = z.output<typeof integrationView>;
export type IntegrationShare = z.output<typeof integrationShareView>;
export type Model = z.output<typeof modelView>;
export type TeamSpace = z.output<typeof teamSpaceView>;
export type TeamSpaceDetail = z.output<typeof teamSpaceDetailView>;
export type SharingDocument = z.output<typeof sharingDocument>;

// Access rules (src/http/schemas/policies.ts)
export type PermissionSet = z.output<typeof permissionSetView>;
export type PermissionSetRules = z.input<typeof seedRulesInput>;
export type PermissionSetImport = z.output<typeof importPermissionSetsResult>;
export type PermissionSetAssignments = z.output<typeof assignmentsView>;
export type Project = z.output<typeof projectView>;
export type ProjectStatus = Project["status"];
export type MassUpdateInput = z.input<typeof massUpdateBody>;
export type MassUpdateResult = z.output<typeof massUpdateResult>;

// Decisions (src/http/schemas/decisions.ts)
/**
 * GET …/members/:userId/access declares its body as a plain record, and a decision's `via` entries as
 * records too, so their shapes come from the domain types the routes return.
 */
export type AccessReport = AccessReportShape;
export type Via = AccessReport["agents"][number]["via"][number];
export type Decision = Omit<z.output<typeof decision>, "via"> & { via: Via[] };
export type CheckRequest = z.input<typeof checkRequestSchema>;

/** The API key view: its schema is local to src/http/routes/api-keys.ts, so the service's type. */
export type ApiKey = ApiKeyView;
export type CreatedApiKey = { apiKey: ApiKey; secret: string };

/** GET /api/v1/capabilities: its response schema is written inline in the route. */
export type Capability = {
  action: string;
  resource: string;
  group: string;
  roles: string[];
  teamRoles: string[];
  seed: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
