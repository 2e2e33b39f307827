import { z } from "zod";
import { id, invitationStatus, orgRole, plan, teamRole, timestamp } from "./common.js";

export const userView = z.object({ id, email: z.string(), name: z.string() }).meta({ id: "User" });

export const teamMembershipView = z.object({ teamId: id, name: z.string(), role: teamRole });

export const orgView = z
  .object({
    id,
    name: z.string(),
    plan,
    defaultTeamId: id.nullable(),
    seats: z.object({
      limit: z.number().int().nullable().describe("null: unlimited"),
      used: z.number().int().describe("active members (suspended members hold no seat)"),
      pending: z.number().int().describe("pending invitations"),
    }),
    createdAt: timestamp,
  })
  .meta({ id: "Organization" });

export const meView = z
  .object({
    user: userView,
    memberships: z.array(
      z.object({
        orgId: id,
        orgName: z.string(),
        plan,
        role: orgRole,
        department: z.string().nullable(),
        teams: z.array(teamMembershipView),
      }),
    ),
  })
  .meta({ id: "Me" });

export const memberView = z
  .object({
    userId: id,
    name: z.string(),
    email: z.string(),
    role: orgRole,
    department: z.string().nullable(),
    status: z
      .enum(["active", "suspended"])
      .describe("suspended: by the directory (SCIM active: false); holds no seat and may do nothing"),
    joinedAt: timestamp,
    teams: z.array(teamMembershipView),
    reportsTo: z
      .object({ email: z.string(), userId: id.nullable(), name: z.string().nullable() })
      .nullable()
      .describe("Reports to: the manager named by a team import; userId and name once they are a member"),
  })
  .meta({ id: "Member" });

export const teamView = z
  .object({
    id,
    name: z.string(),
    isDefault: z.boolean(),
    memberCount: z.number().int(),
    createdAt: timestamp,
  })
  .meta({ id: "Team" });

export const teamMemberView = z
  .object({ userId: id, name: z.string(), email: z.string(), role: teamRole, addedAt: timestamp })
  .meta({ id: "TeamMember" });

export const invitationView = z
  .object({
    id,
    email: z.string(),
    role: orgRole,
    teamId: id.nullable(),
    teamName: z.string().nullable(),
    teamRole: teamRole.nullable(),
    department: z.string().nullable(),
    message: z.string().nullable(),
    status: invitationStatus,
    expiresAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    invitedBy: id.nullable().describe("user id of the inviter"),
    inviterName: z.string().nullable(),
    acceptedAt: timestamp.nullable(),
    delivery: z
      .object({
        status: z.enum(["queued", "sent", "failed"]),
        kind: z.enum(["invitation", "reminder"]),
        error: z.string().nullable().describe("Why the last attempt failed (still retrying while queued)"),
        at: timestamp,
      })
      .nullable()
      .describe("The newest email for this invitation; null when none was sent (no SMTP configured)"),
  })
  .meta({ id: "Invitation" });

export const invitationWithLink = z
  .object({
    invitation: invitationView,
    inviteUrl: z
      .url()
      .describe("Share this link; it is shown once. The token sits in the fragment, never sent to servers."),
  })
  .meta({ id: "InvitationWithLink" });

export const historyEntry = z
  .object({
    id,
    action: z.string(),
    at: timestamp,
    source: z.string(),
    actor: z.object({ id, name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: "InvitationHistoryEntry" });

export const invitationPreview = z
  .object({
    orgName: z.string(),
    plan,
    inviterName: z.string().nullable(),
    email: z.string(),
    role: orgRole,
    teamName: z.string().nullable(),
    teamRole: teamRole.nullable(),
    department: z.string().nullable(),
    message: z.string().nullable(),
    expiresAt: timestamp,
    status: invitationStatus,
    hasAccount: z.boolean(),
  })
  .meta({ id: "InvitationPreview" });

export const acceptResult = z
  .object({
    user: userView,
    membership: z.object({
      orgId: id,
      orgName: z.string(),
      role: orgRole,
      department: z.string().nullable(),
      teams: z.array(teamMembershipView),
    }),
  })
  .meta({ id: "AcceptedInvitation" });
