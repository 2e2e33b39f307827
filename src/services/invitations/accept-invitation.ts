import {
  findInvitation,
  findInvitationByTokenHash,
  updateInvitationIfStatus,
} from "../../db/queries/invitations.js";
import { findMembership, insertMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { findTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { findUserByEmail, insertUser, markEmailVerified } from "../../db/queries/users.js";
import type { InvitationRow, UserRow } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { effectiveStatus, transition } from "../../domain/invitation.js";
import { DEFAULT_TEAM_ROLE, PLAN_RULES } from "../../domain/plans.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import { hashToken, isWellFormedToken } from "../../security/tokens.js";
import type { Deps, ServiceContext } from "../context.js";
import { carryManager } from "../imports/carry-manager.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import type { UserView } from "../shared/views.js";

export type AcceptInvitationInput = {
  token: string;
  /** For a new account. */
  name?: string;
  /** A new account's password, or an existing account's to sign in and accept in one step. */
  password?: string;
  /** The signed-in user, when the request carries a session. */
  sessionUser: UserView | null;
  userAgent: string | null;
};

export type AcceptInvitationResult = {
  user: UserView;
  membership: {
    orgId: string;
    orgName: string;
    role: OrgRole;
    department: string | null;
    teams: { teamId: string; name: string; role: TeamRole }[];
  };
  /** Set when accepting signed the person in (a new account, or a password given with the accept). */
  session: StartedSession | null;
};

type Acceptor = { kind: "existing"; user: UserView; signIn: boolean } | { kind: "new"; user: UserRow };

/**
 * Turns an invitation into a membership. A token works once: the pending -> accepted write is
 * conditional on the status, so of concurrent accepts exactly one commits a membership.
 */
export async function acceptInvitation(
  deps: Deps,
  input: AcceptInvitationInput,
): Promise<AcceptInvitationResult> {
  const invitation = isWellFormedToken(input.token)
    ? await findInvitationByTokenHash(deps.db, hashToken(input.token))
    : undefined;
  if (!invitation) throw new AppError("INVITATION_NOT_FOUND");
  assertAcceptable(invitation, deps.clock.now());
  const acceptor = await resolveAcceptor(deps, invitation, input);

  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const nowText = now.toISOString();
    const org = await requireLockedOrg(trx, invitation.org_id);
    // Re-read under the org lock: another accept, a revoke or the clock may have moved it on.
    const current = await findInvitation(trx, org.id, invitation.id);
    if (!current) throw new AppError("INVITATION_NOT_FOUND");
    assertAcceptable(current, now);

    if (acceptor.kind === "new") await insertUser(trx, acceptor.user);
    else if (await findMembership(trx, org.id, acceptor.user.id)) {
      throw new AppError("ALREADY_MEMBER", {
        message: "You are already a member of this organization. Sign in to continue.",
      });
    }
    const accepted = await updateInvitationIfStatus(trx, current.id, "pending", {
      status: "accepted",
      token_sealed: null,
      accepted_by: acceptor.user.id,
      accepted_at: nowText,
      updated_at: nowText,
    });
    if (!accepted) throw new AppError("INVITATION_USED");
    await assertSeatAvailable(trx, org, deps.config, nowText, { countPending: false });

    const userId = acceptor.user.id;
    if (acceptor.kind === "existing") await markEmailVerified(trx, userId, nowText);
    await insertMembership(trx, {
      id: newId(),
      org_id: org.id,
      user_id: userId,
      role: current.role,
      department: current.department,
      created_at: nowText,
      updated_at: nowText,
    });
    await carryManager(trx, {
      orgId: org.id,
      invitationId: current.id,
      userId,
      email: acceptor.user.email,
      now: nowText,
    });
    const team = await joinTeam(
      trx,
      current,
      userId,
      org.default_team_id,
      PLAN_RULES[org.plan].hasTeamRoles,
      nowText,
    );
    await bumpAccessVersion(trx, org.id);

    const ctx: ServiceContext = { ...deps, actor: { kind: "user", userId, source: "console" }, access: null };
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.accepted",
      target: { type: "invitation", id: current.id },
      before: { status: "pending" },
      after: { status: "accepted", userId },
    });
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "member.added",
      target: { type: "member", id: userId },
      after: {
        role: current.role,
        department: current.department,
        team: team ?? null,
        invitationId: current.id,
      },
    });
    if (team) {
      // The team joined through the invitation is recorded like any other team membership.
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "team_member.added",
        target: { type: "team_member", id: `${team.teamId}:${userId}` },
        after: { teamId: team.teamId, userId, role: team.role, invitationId: current.id },
      });
    }

    const startsSession = acceptor.kind === "new" || acceptor.signIn;
    const session = startsSession ? await startSession(trx, deps, userId, input.userAgent) : null;
    const user = { id: userId, email: acceptor.user.email, name: acceptor.user.name };
    return {
      user,
      membership: {
        orgId: org.id,
        orgName: org.name,
        role: current.role,
        department: current.department,
        teams: team ? [team] : [],
      },
      session,
    };
  });
}

function assertAcceptable(invitation: InvitationRow, now: Date): void {
  transition(
    effectiveStatus({ status: invitation.status, expiresAt: invitation.expires_at }, now),
    "accept",
    {
      expiresAt: invitation.expires_at,
    },
  );
}

/** Who accepts: the signed-in user, an existing account signing in here, or a new account. */
async function resolveAcceptor(
  deps: Deps,
  invitation: InvitationRow,
  input: AcceptInvitationInput,
): Promise<Acceptor> {
  if (input.sessionUser) {
    if (input.sessionUser.email !== invitation.email) {
      throw new AppError("INVITATION_EMAIL_MISMATCH", {
        message: `This invitation was sent to ${invitation.email}, but you are signed in as ${input.sessionUser.email}. Sign out, then open the link again.`,
      });
    }
    return { kind: "existing", user: input.sessionUser, signIn: false };
  }
  const existing = await findUserByEmail(deps.db, invitation.email);
  if (existing) {
    if (input.password === undefined) throw new AppError("ACCOUNT_EXISTS");
    if (!existing.password_hash || !(await deps.passwords.verify(existing.password_hash, input.password))) {
      throw new AppError("INVALID_CREDENTIALS");
    }
    return {
      kind: "existing",
      user: { id: existing.id, email: existing.email, name: existing.name },
      signIn: true,
    };
  }
  const name = input.name?.trim();
  if (!name || input.password === undefined) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Enter your name and choose a password to create your account.",
      details: { fields: ["name", "password"] },
    });
  }
  const now = deps.clock.now().toISOString();
  const passwordHash = await deps.passwords.hash(input.password);
  return {
    kind: "new",
    user: {
      id: newId(),
      email: invitation.email,
      name,
      password_hash: passwordHash,
      // The invitation link was sent to this address: opening it proves the email.
      email_verified_at: now,
      created_at: now,
      updated_at: now,
    },
  };
}

/** The invitation's team (the default team when none was picked or it was deleted), with its team role. */
async function joinTeam(
  trx: Trx,
  invitation: InvitationRow,
  userId: string,
  defaultTeamId: string | null,
  hasTeamRoles: boolean,
  now: string,
): Promise<{ teamId: string; name: string; role: TeamRole } | undefined> {
  const chosen = invitation.team_id ? await findTeam(trx, invitation.org_id, invitation.team_id) : undefined;
  const team = chosen ?? (defaultTeamId ? await findTeam(trx, invitation.org_id, defaultTeamId) : undefined);
  if (!team) return undefined;
  const role: TeamRole =
    hasTeamRoles && chosen ? (invitation.team_role ?? DEFAULT_TEAM_ROLE) : DEFAULT_TEAM_ROLE;
  await insertTeamMembership(trx, {
    team_id: team.id,
    user_id: userId,
    org_id: invitation.org_id,
    role,
    created_at: now,
    updated_at: now,
  });
  return { teamId: team.id, name: team.name, role };
}
