import { findEmailVerification } from "../db/queries/email-verifications.js";
import { findOrgById } from "../db/queries/orgs.js";
import type { EmailMessageRow } from "../db/schema.js";
import {
  EMAIL_PLACEHOLDERS,
  type EmailValues,
  type RenderedEmail,
  renderEmail,
  SIGNUP_EMAIL_TEMPLATES,
  type SignupEmailKind,
} from "../domain/email-templates.js";
import type { Deps } from "../services/context.js";
import { unsealSignupToken } from "./queue-signup-email.js";

/** The page a sign-up link opens; the token rides in the fragment, which browsers never send to servers. */
export function signupUrlFor(deps: Pick<Deps, "config">, token: string): string {
  const url = new URL("/join/verify", deps.config.publicUrl);
  url.hash = `token=${token}`;
  return url.toString();
}

/**
 * A sign-up email as it goes out now, or why it must not: a `signup` email carries its verification's
 * link only while that link still works (unused, unexpired, and unsealable with this SECRET_KEY).
 */
export async function renderSignupEmail(
  deps: Pick<Deps, "db" | "config" | "clock" | "sealer">,
  email: EmailMessageRow & { kind: SignupEmailKind },
  formatExpiry: (iso: string) => string,
): Promise<RenderedEmail | { notSent: string }> {
  const org = await findOrgById(deps.db, email.org_id);
  const values = Object.fromEntries(EMAIL_PLACEHOLDERS.map((p) => [p, ""])) as EmailValues;
  values.Name = email.to_address;
  values.Organization = org?.name ?? "your organization";
  if (email.kind === "signup_existing") {
    values.Link = new URL("/login", deps.config.publicUrl).toString();
    return renderEmail(SIGNUP_EMAIL_TEMPLATES.signup_existing, values);
  }
  const verification = email.email_verification_id
    ? await findEmailVerification(deps.db, email.email_verification_id)
    : undefined;
  if (
    !verification?.token_sealed ||
    verification.consumed_at !== null ||
    Date.parse(verification.expires_at) <= deps.clock.nowMs()
  ) {
    return { notSent: "Not sent: the sign-up link was already used or has expired." };
  }
  const token = unsealSignupToken(deps, verification.id, verification.token_sealed);
  if (!token) {
    return {
      notSent:
        "Not sent: the sign-up link could not be unsealed (SECRET_KEY differs between instances or changed). The person can ask for a new link.",
    };
  }
  values.Link = signupUrlFor(deps, token);
  values["Expiry Date"] = formatExpiry(verification.expires_at);
  return renderEmail(SIGNUP_EMAIL_TEMPLATES.signup, values);
}
