import { randomBytes } from "node:crypto";
import { findOrgDomainByName, findVerifiedDomain, insertOrgDomain } from "../../db/queries/org-domains.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertClaimable, parseDomainConfig } from "../../domain/identity/domains.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireOrg } from "../shared/require.js";
import { type DomainView, domainView, suffixInfo, toAsciiDomain } from "./domain-view.js";

/**
 * Claims a domain for the org: unverified until the TXT record is published and verified. `config` is
 * the seed's domain configuration JSON as written, or the camelCase shape.
 */
export async function claimDomain(
  ctx: ServiceContext,
  input: { orgId: string; config: unknown },
): Promise<DomainView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const { domain: raw, settings } = parseDomainConfig(input.config);
  if (raw === undefined) {
    throw new AppError("VALIDATION_FAILED", {
      message: 'Send the domain to claim, like {"domain": "example.com"}.',
      details: { field: "domain" },
    });
  }
  const domain = toAsciiDomain(raw);
  assertClaimable(domain, suffixInfo(domain));
  return inTransaction(ctx.db, async (trx) => {
    await requireOrg(trx, input.orgId);
    if (await findOrgDomainByName(trx, input.orgId, domain)) throw new AppError("DOMAIN_EXISTS");
    const owner = await findVerifiedDomain(trx, domain);
    if (owner) throw new AppError("DOMAIN_TAKEN", { details: { domain } });
    const now = nowIso(ctx);
    const row = {
      id: newId(),
      org_id: input.orgId,
      domain,
      verification_token: randomBytes(16).toString("hex"),
      verified_at: null,
      include_subdomains: settings.includeSubdomains ? 1 : 0,
      mode: settings.mode,
      default_role: settings.defaultRole,
      departments: JSON.stringify(settings.departments),
      require_sso: settings.requireSso ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await insertOrgDomain(trx, row);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "domain.claimed",
      target: { type: "domain", id: row.id },
      after: { domain, ...settings },
    });
    return domainView(row);
  });
}
