import {
  consumeEmailVerification,
  findEmailVerification,
  findEmailVerificationByTokenHash,
  setEmailVerificationUser,
} from "../../db/queries/email-verifications.js";
import { findOrgById } from "../../db/queries/orgs.js";
import { findUserByEmail, insertUser } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertSignupLinkUsable } from "../../domain/identity/signup.js";
import type { OrgRole } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import { hashToken, isWellFormedToken } from "../../security/tokens.js";
import type { Deps, ServiceContext } from "../context.js";
import { assertPasswordSignInAllowed } from "../domains/assert-password-sign-in-allowed.js";
import { joinByVerifiedDomain } from "../domains/join-by-verified-domain.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import type { UserView } from "../shared/views.js";

export type CompleteSignupInput = {
  token: string;
  name: string;
  password: string;
  userAgent: string | null;
};

/**
 * What happened at each org whose verified domain matched: joined (a member now), requested (a join
 * request waits for an admin: approval mode), or no_seat (auto mode, but every seat was taken, so a
 * join request was filed instead).
 */
export type SignupJoin = {
  orgId: string;
  orgName: string;
  outcome: "joined" | "requested" | "no_seat";
  role: OrgRole;
};

export type CompleteSignupResult = { user: UserView; joins: SignupJoin[]; session: StartedSession };

/**
 * "Join your team" step 2: the holder of the emailed link picks a name and password. In one
 * transaction: the link is used (a conditional write, so of concurrent completions exactly one
 * commits), the account is created with its email proven, the domain join runs exactly as it does at
 * sign-in (auto: member with the default or department role, counted against seats; approval: a join
 * request), `user.signed_up` is recorded in each org, and a session starts.
 *
 * When no org takes the email any more (the admin turned the domain off meanwhile), nothing is
 * written and the link keeps working until it expires: an account that belongs nowhere helps nobody.
 */
export async function completeSignup(deps: Deps, input: CompleteSignupInput): Promise<CompleteSignupResult> {
  const found = isWellFormedToken(input.token)
    ? await findEmailVerificationByTokenHash(deps.db, hashToken(input.token))
    : undefined;
  if (!found) throw new AppError("SIGNUP_LINK_INVALID");
  assertSignupLinkUsable({ expiresAt: found.expires_at, consumedAt: found.consumed_at }, deps.clock.now());
  await assertPasswordSignInAllowed(deps.db, found.email);
  const name = input.name.trim();
  if (!name) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Enter your name to create your account.",
      details: { fields: ["name"] },
    });
  }
  const passwordHash = await deps.passwords.hash(input.password);

  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const nowText = now.toISOString();
    if (!(await consumeEmailVerification(trx, found.id, nowText))) {
      // Another completion got there first, or the clock moved past the expiry: say which.
      const current = await findEmailVerification(trx, found.id);
      if (current)
        assertSignupLinkUsable({ expiresAt: current.expires_at, consumedAt: current.consumed_at }, now);
      throw new AppError("SIGNUP_LINK_USED");
    }
    if (await findUserByEmail(trx, found.email)) {
      throw new AppError("ACCOUNT_EXISTS", {
        message: "An account with this email already exists. Sign in instead.",
      });
    }
    const userId = newId();
    await insertUser(trx, {
      id: userId,
      email: found.email,
      name,
      password_hash: passwordHash,
      // The link was mailed to this address: opening it proves the email.
      email_verified_at: nowText,
      created_at: nowText,
      updated_at: nowText,
    });
    await setEmailVerificationUser(trx, found.id, userId);

    const ctx: ServiceContext = { ...deps, actor: { kind: "user", userId, source: "console" }, access: null };
    const outcomes = await joinByVerifiedDomain(trx, ctx, { userId, email: found.email });
    if (outcomes.length === 0) throw new AppError("SIGNUP_NOT_ALLOWED");

    const joins: SignupJoin[] = [];
    for (const outcome of outcomes) {
      await recordAuditEvent(trx, ctx, {
        orgId: outcome.orgId,
        action: "user.signed_up",
        target: { type: "user", id: userId },
        after: {
          email: found.email,
          name,
          via: "verified_domain",
          domain: outcome.domain,
          outcome: outcome.outcome,
        },
      });
      const org = await findOrgById(trx, outcome.orgId);
      joins.push({
        orgId: outcome.orgId,
        orgName: org?.name ?? "",
        outcome: outcome.outcome,
        role: outcome.role,
      });
    }
    const session = await startSession(trx, deps, userId, input.userAgent);
    return { user: { id: userId, email: found.email, name }, joins, session };
  });
}
