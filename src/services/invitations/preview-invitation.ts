import { findInvitationByTokenHash } from "../../db/queries/invitations.js";
import { findOrgById } from "../../db/queries/orgs.js";
import { findTeam } from "../../db/queries/teams.js";
import { findUserByEmail, findUserById } from "../../db/queries/users.js";
import { AppError } from "../../domain/errors.js";
import { effectiveStatus, type InvitationStatus } from "../../domain/invitation.js";
import type { Plan } from "../../domain/plans.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import { hashToken, isWellFormedToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";

export type InvitationPreview = {
  orgName: string;
  plan: Plan;
  inviterName: string | null;
  email: string;
  role: OrgRole;
  teamName: string | null;
  teamRole: TeamRole | null;
  department: string | null;
  message: string | null;
  expiresAt: string;
  status: InvitationStatus;
  /** Whether the invited email already has an account: the page then asks to sign in instead of sign up. */
  hasAccount: boolean;
};

/**
 * What the person holding the link may see before accepting: who invited them, to which org, with
 * which role. The token is the only key; an unknown token learns nothing.
 */
export async function previewInvitation(deps: Deps, input: { token: string }): Promise<InvitationPreview> {
  const invitation = isWellFormedToken(input.token)
    ? await findInvitationByTokenHash(deps.db, hashToken(input.token))
    : undefined;
  if (!invitation) throw new AppError("INVITATION_NOT_FOUND");
  const org = await findOrgById(deps.db, invitation.org_id);
  if (!org) throw new AppError("INVITATION_NOT_FOUND");
  const teamId = invitation.team_id ?? org.default_team_id;
  const [team, inviter, account] = await Promise.all([
    teamId ? findTeam(deps.db, org.id, teamId) : undefined,
    invitation.invited_by ? findUserById(deps.db, invitation.invited_by) : undefined,
    findUserByEmail(deps.db, invitation.email),
  ]);
  return {
    orgName: org.name,
    plan: org.plan,
    inviterName: inviter?.name ?? null,
    email: invitation.email,
    role: invitation.role,
    teamName: team?.name ?? null,
    teamRole: invitation.team_role,
    department: invitation.department,
    message: invitation.message,
    expiresAt: invitation.expires_at,
    status: effectiveStatus(
      { status: invitation.status, expiresAt: invitation.expires_at },
      deps.clock.now(),
    ),
    hasAccount: account !== undefined,
  };
}
