import type { z } from "zod";
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

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
