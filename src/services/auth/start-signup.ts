import { countSignupEmailsSince, insertEmailVerification } from "../../db/queries/email-verifications.js";
import { listVerifiedDomainsFor } from "../../db/queries/org-domains.js";
import { findUserByEmail } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { requireEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { emailDomain, emailMatchesDomain } from "../../domain/identity/domains.js";
import { SIGNUP_EMAILS_PER_HOUR, SIGNUP_LINK_TTL_MS } from "../../domain/identity/signup.js";
import { newId } from "../../lib/ids.js";
import { isEmailDeliveryEnabled } from "../../mail/queue-invitation-email.js";
import { queueSignupEmail, sealSignupToken } from "../../mail/queue-signup-email.js";
import { hashToken, newToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";
import { assertPasswordSignInAllowed } from "../domains/assert-password-sign-in-allowed.js";

export type StartSignupInput = { email: string };

const HOUR_MS = 60 * 60 * 1000;

/**
 * "Join your team" step 1: a person types their work email. When an org has verified the email's
 * domain in mode auto or approval (the same matching as sign-in: exact domain, subdomains only when
 * allowed, never attacker-example.com for example.com), a one-time link valid for 24 hours is mailed
 * there; when the address already has an account, an email saying so (sign in instead) goes instead.
 *
 * The caller always gets the same answer, whatever the domain and whether or not the address has an
 * account: the form tells nobody which domains are verified or who has an account. Only the mailbox's
 * owner learns more. Without SMTP nothing can prove the address, so the form is refused outright.
 */
export async function startSignup(deps: Deps, input: StartSignupInput): Promise<void> {
  if (!isEmailDeliveryEnabled(deps)) throw new AppError("SIGNUP_UNAVAILABLE");
  const email = requireEmail(input.email);
  // A domain that signs in only with SSO gets no password account (the sign-in form says the same).
  await assertPasswordSignInAllowed(deps.db, email);
  const host = emailDomain(email);
  if (host === null) return;

  await inTransaction(deps.db, async (trx) => {
    const match = (await listVerifiedDomainsFor(trx, host)).find(
      (d) =>
        d.mode !== "off" &&
        emailMatchesDomain(email, { domain: d.domain, includeSubdomains: d.include_subdomains === 1 }),
    );
    if (!match) return;
    const now = deps.clock.now();
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    if ((await countSignupEmailsSince(trx, email, since)) >= SIGNUP_EMAILS_PER_HOUR) return;

    if (await findUserByEmail(trx, email)) {
      await queueSignupEmail(trx, deps, {
        orgId: match.org_id,
        to: email,
        kind: "signup_existing",
        emailVerificationId: null,
      });
      return;
    }
    const id = newId();
    const token = newToken();
    await insertEmailVerification(trx, {
      id,
      email,
      token_hash: hashToken(token),
      token_sealed: sealSignupToken(deps, id, token),
      expires_at: new Date(now.getTime() + SIGNUP_LINK_TTL_MS).toISOString(),
      consumed_at: null,
      user_id: null,
      created_at: now.toISOString(),
    });
    await queueSignupEmail(trx, deps, {
      orgId: match.org_id,
      to: email,
      kind: "signup",
      emailVerificationId: id,
    });
  });
}
