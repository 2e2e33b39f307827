import type * as client from "openid-client";
import { findMembership, insertMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  consumeLoginState,
  findIdentity,
  findOidcConnection,
  insertIdentity,
  touchIdentity,
} from "../../db/queries/sso.js";
import { findTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { findUserByEmail, findUserById, insertUser } from "../../db/queries/users.js";
import type { OidcConnectionRow, SsoLoginStateRow } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { DEFAULT_TEAM_ROLE } from "../../domain/plans.js";
import { newId } from "../../lib/ids.js";
import { hashToken } from "../../security/tokens.js";
import type { Deps, ServiceContext } from "../context.js";
import { applyDirectoryGroups } from "../directory/apply-directory-groups.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import { redirectUri } from "./oidc-client.js";
import { readIdentity, redeemCode, type SsoTestResult } from "./redeem-code.js";

export type { SsoTestResult } from "./redeem-code.js";

export type CompleteSsoLoginInput = {
  /** The callback's query string, exactly as the IdP sent it. */
  query: Record<string, string | undefined>;
  /** The signed-in user, if the callback carries a session (needed for a test login). */
  sessionUserId: string | null;
  userAgent: string | null;
};

export type CompleteSsoLoginResult =
  | { kind: "session"; session: StartedSession; returnTo: string; userId: string; orgId: string }
  | { kind: "test"; orgId: string; returnTo: string; result: SsoTestResult };

const fail = (message: string, details?: Record<string, unknown>) =>
  new AppError("SSO_LOGIN_FAILED", { message, ...(details && { details }) });

/**
 * The IdP's redirect back. In order: the state is taken (single-use, unexpired), the code is exchanged
 * with the PKCE verifier, and openid-client validates the ID token (signature, issuer, audience, nonce,
 * expiry, issued-at); nothing is skipped. Then the person is found by issuer + subject, linked to an
 * existing account by email only when the IdP asserts email_verified, or provisioned just in time; the
 * group mapping is re-applied and a session starts. Every outcome is audited: successes by the person
 * (source console), refusals by the system.
 */
export async function completeSsoLogin(
  deps: Deps,
  input: CompleteSsoLoginInput,
): Promise<CompleteSsoLoginResult> {
  const stateParam = input.query.state;
  if (!stateParam)
    throw fail("The identity provider's response has no state. Start again from the sign-in page.");
  const state = await inTransaction(deps.db, (trx) => consumeLoginState(trx, hashToken(stateParam)));
  if (!state) {
    await auditRefusal(deps, null, "unknown_state", {});
    throw fail(
      "This sign-in link was already used or is not one Gatehouse started. Start again from the sign-in page.",
    );
  }
  try {
    return await finish(deps, input, state, stateParam);
  } catch (error) {
    const code = error instanceof AppError ? error.code : "INTERNAL";
    await auditRefusal(deps, state.org_id, code, {
      purpose: state.purpose,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

async function finish(
  deps: Deps,
  input: CompleteSsoLoginInput,
  state: SsoLoginStateRow,
  stateParam: string,
): Promise<CompleteSsoLoginResult> {
  if (new Date(String(state.expires_at)).getTime() < deps.clock.nowMs()) {
    throw fail("This sign-in took too long and expired. Start again from the sign-in page.");
  }
  if (input.query.error) {
    throw fail(
      `The identity provider refused the sign-in: ${input.query.error}${input.query.error_description ? ` (${input.query.error_description})` : ""}. Ask your IdP admin whether you are assigned to Gatehouse.`,
    );
  }
  const connection = await findOidcConnection(deps.db, state.org_id);
  if (!connection) throw new AppError("SSO_NOT_CONFIGURED");

  const currentUrl = new URL(redirectUri(deps));
  for (const [key, value] of Object.entries(input.query)) {
    if (value !== undefined) currentUrl.searchParams.set(key, value);
  }
  let claims: client.IDToken;
  try {
    claims = await redeemCode(deps, connection, currentUrl, state, stateParam);
  } catch (error) {
    const reason = describeOidcError(error);
    throw fail(
      `The identity provider's answer could not be verified (${reason}). Start again from the sign-in page; if it keeps happening, ask an admin to check the SSO connection.`,
    );
  }

  const identity = readIdentity(connection, claims);
  if (state.purpose === "test") {
    if (!input.sessionUserId || input.sessionUserId !== state.started_by) {
      throw fail("A test login must finish in the browser session of the admin who started it.");
    }
    const ctx: ServiceContext = {
      ...deps,
      actor: { kind: "user", userId: input.sessionUserId, source: "console" },
      access: null,
    };
    await inTransaction(deps.db, (trx) =>
      recordAuditEvent(trx, ctx, {
        orgId: state.org_id,
        action: "sso.test_login_completed",
        target: { type: "sso_connection", id: state.org_id },
        after: { issuer: identity.issuer, subject: identity.subject, groups: identity.groups },
      }),
    );
    return { kind: "test", orgId: state.org_id, returnTo: state.return_to, result: identity };
  }
  if (connection.enabled !== 1) throw new AppError("SSO_NOT_CONFIGURED");
  return signInWith(deps, input, state, connection, identity);
}

async function signInWith(
  deps: Deps,
  input: CompleteSsoLoginInput,
  state: SsoLoginStateRow,
  connection: OidcConnectionRow,
  identity: SsoTestResult,
): Promise<CompleteSsoLoginResult> {
  return inTransaction(deps.db, async (trx) => {
    const org = await requireLockedOrg(trx, state.org_id);
    const now = deps.clock.now().toISOString();
    const known = await findIdentity(trx, identity.issuer, identity.subject);
    let userId: string;
    let linked = false;
    let created = false;
    if (known) {
      userId = known.user_id;
    } else {
      if (!identity.email) {
        throw fail(
          "Your identity provider did not send an email address. Ask your IdP admin to release the email claim (scope email) to Gatehouse.",
        );
      }
      const existing = await findUserByEmail(trx, identity.email);
      if (existing) {
        // Never on email alone: only a provider that vouches for the email may claim the account.
        if (!identity.emailVerified) throw new AppError("SSO_ACCOUNT_NOT_LINKED");
        userId = existing.id;
        linked = true;
      } else {
        userId = newId();
        created = true;
        await insertUser(trx, {
          id: userId,
          email: identity.email,
          name: nameOf(identity),
          password_hash: null,
          // The provider vouches for the address: that proves it as an accepted invitation does.
          email_verified_at: identity.emailVerified ? now : null,
          created_at: now,
          updated_at: now,
        });
      }
      await insertIdentity(trx, {
        id: newId(),
        issuer: identity.issuer,
        subject: identity.subject,
        user_id: userId,
        org_id: org.id,
        email: identity.email,
        email_verified: identity.emailVerified ? 1 : 0,
        created_at: now,
        last_login_at: now,
      });
    }
    const ctx: ServiceContext = { ...deps, actor: { kind: "user", userId, source: "console" }, access: null };

    let membership = await findMembership(trx, org.id, userId);
    if (membership?.status === "suspended") {
      throw new AppError("SSO_MEMBERSHIP_REMOVED", {
        message:
          "Your access to this organization was suspended by its directory. Ask your IT admin to reactivate your account.",
      });
    }
    if (!membership && known && known.org_id === org.id) {
      // This identity was provisioned here before and the membership has since been removed.
      throw new AppError("SSO_MEMBERSHIP_REMOVED");
    }
    let provisioned = false;
    if (!membership) {
      await assertSeatAvailable(trx, org, deps.config, now, { countPending: true });
      await insertMembership(trx, {
        id: newId(),
        org_id: org.id,
        user_id: userId,
        role: connection.default_role,
        department: null,
        created_at: now,
        updated_at: now,
      });
      const team = org.default_team_id ? await findTeam(trx, org.id, org.default_team_id) : undefined;
      if (team) {
        await insertTeamMembership(trx, {
          team_id: team.id,
          user_id: userId,
          org_id: org.id,
          role: DEFAULT_TEAM_ROLE,
          created_at: now,
          updated_at: now,
        });
      }
      await bumpAccessVersion(trx, org.id);
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "sso.user_provisioned",
        target: { type: "member", id: userId },
        after: {
          role: connection.default_role,
          team: team ? { teamId: team.id, name: team.name } : null,
          newAccount: created,
          issuer: identity.issuer,
          subject: identity.subject,
        },
      });
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "member.added",
        target: { type: "member", id: userId },
        after: { role: connection.default_role, source: "sso" },
      });
      provisioned = true;
      membership = await findMembership(trx, org.id, userId);
    }
    if (linked) {
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "sso.identity_linked",
        target: { type: "user", id: userId },
        after: { issuer: identity.issuer, subject: identity.subject, email: identity.email },
      });
    }
    if (known) {
      await touchIdentity(trx, known.id, {
        email: identity.email,
        email_verified: identity.emailVerified ? 1 : 0,
        last_login_at: now,
      });
    }
    const applied = await applyDirectoryGroups(trx, ctx, {
      orgId: org.id,
      userId,
      source: "sso",
      groups: identity.groups,
      onUnsafe: "hold",
    });
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError("INTERNAL");
    const session = await startSession(trx, deps, userId, input.userAgent);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "sso.login_succeeded",
      target: { type: "user", id: userId },
      after: {
        issuer: identity.issuer,
        subject: identity.subject,
        provisioned,
        linked,
        groups: identity.groups,
        heldBack: applied.heldBack,
      },
    });
    return { kind: "session", session, returnTo: state.return_to, userId, orgId: org.id };
  });
}

function nameOf(identity: SsoTestResult): string {
  const { name, given_name: given, family_name: family } = identity.claims;
  if (typeof name === "string" && name.trim()) return name.trim().slice(0, 200);
  const parts = [given, family].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  if (parts.length > 0) return parts.join(" ").slice(0, 200);
  return (identity.email ?? identity.subject).split("@")[0]?.slice(0, 200) || identity.subject;
}

async function auditRefusal(
  deps: Deps,
  orgId: string | null,
  reason: string,
  details: Record<string, unknown>,
): Promise<void> {
  const ctx: ServiceContext = { ...deps, actor: { kind: "system", source: "system" }, access: null };
  await inTransaction(deps.db, (trx: Trx) =>
    recordAuditEvent(trx, ctx, {
      orgId,
      action: "sso.login_refused",
      target: { type: "sso_connection", id: orgId ?? "unknown" },
      after: { reason, ...details },
    }),
  );
}

/**
 * openid-client wraps oauth4webapi's error, which names the failed check ("unexpected ID Token \"nonce\"
 * claim value", "exp"…): the innermost message is the useful one, with the claim when one is given.
 */
function describeOidcError(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  let claim: string | undefined;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    if (current instanceof Error) message = current.message;
    const value = (current as Record<string, unknown>).claim;
    if (typeof value === "string") claim = value;
    current = (current as { cause?: unknown }).cause;
  }
  return claim && !message.includes(`"${claim}"`) ? `${message} (${claim})` : message;
}
