import { listVerifiedDomainsFor } from "../../db/queries/org-domains.js";
import { findOidcConnection } from "../../db/queries/sso.js";
import { normalizeEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { emailDomain, emailMatchesDomain } from "../../domain/identity/domains.js";
import { safeReturnTo } from "../../domain/identity/return-to.js";
import type { Deps } from "../context.js";

export type SsoDiscovery = {
  orgId: string;
  /** The start route, with the email as the provider's login_hint: navigate the browser there. */
  redirectTo: string;
};

/**
 * Home-realm discovery ("Sign in with SSO" from an email): the org that has VERIFIED the email's
 * domain (exactly, or a parent domain that allows subdomains; always on a label boundary) and has an
 * enabled OIDC connection. Every other case (no domain, a domain claimed but not verified, verified
 * without SSO, a disabled connection, not an email at all) gets the same SSO_NOT_AVAILABLE, so the
 * answer says no more than "no SSO for this email". Reads only: the login state is made by the start
 * route the browser goes to next.
 */
export async function discoverSsoForEmail(
  deps: Pick<Deps, "db">,
  input: { email: string; returnTo?: string | undefined },
): Promise<SsoDiscovery> {
  const email = normalizeEmail(input.email);
  const host = email === null ? null : emailDomain(email);
  if (email === null || host === null) throw new AppError("SSO_NOT_AVAILABLE");
  const candidates = (await listVerifiedDomainsFor(deps.db, host))
    .filter((d) =>
      emailMatchesDomain(email, { domain: d.domain, includeSubdomains: d.include_subdomains === 1 }),
    )
    // The most specific domain first: eng.example.com before example.com.
    .sort((a, b) => b.domain.length - a.domain.length);
  for (const domain of candidates) {
    const connection = await findOidcConnection(deps.db, domain.org_id);
    if (connection?.enabled !== 1) continue;
    const query = new URLSearchParams({ loginHint: email });
    const returnTo = safeReturnTo(input.returnTo);
    if (returnTo !== "/") query.set("returnTo", returnTo);
    return {
      orgId: domain.org_id,
      redirectTo: `/api/v1/sso/${encodeURIComponent(domain.org_id)}/start?${query.toString()}`,
    };
  }
  throw new AppError("SSO_NOT_AVAILABLE");
}
