import type { Executor } from "../../db/client.js";
import { listVerifiedDomainsFor } from "../../db/queries/org-domains.js";
import { AppError } from "../../domain/errors.js";
import { emailDomain, emailMatchesDomain } from "../../domain/identity/domains.js";

/**
 * Refuses password sign-in for an email at a verified domain that requires SSO. Checked before the
 * password, for every email at the domain whether or not it has an account, so it reveals nothing
 * about accounts.
 */
export async function assertPasswordSignInAllowed(db: Executor, email: string): Promise<void> {
  const host = emailDomain(email);
  if (host === null) return;
  const domains = await listVerifiedDomainsFor(db, host);
  const enforced = domains.find(
    (d) =>
      d.require_sso === 1 &&
      emailMatchesDomain(email, { domain: d.domain, includeSubdomains: d.include_subdomains === 1 }),
  );
  if (enforced) throw new AppError("SSO_REQUIRED", { details: { domain: enforced.domain } });
}
