import { updateOrgDomain } from "../../db/queries/org-domains.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { parseDomainConfig } from "../../domain/identity/domains.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type DomainView, domainView, settingsOf } from "./domain-view.js";
import { requireDomain } from "./get-domain.js";

/** Changes mode, default role, departments, subdomains or require-SSO; fields left out stay. */
export async function updateDomain(
  ctx: ServiceContext,
  input: { orgId: string; domainId: string; changes: unknown },
): Promise<DomainView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  return inTransaction(ctx.db, async (trx) => {
    const row = await requireDomain(trx, input.orgId, input.domainId);
    const before = settingsOf(row);
    const { domain, settings } = parseDomainConfig(input.changes, before);
    if (domain !== undefined && domain.trim().toLowerCase().replace(/\.$/, "") !== row.domain) {
      throw new AppError("VALIDATION_FAILED", {
        message: "A claimed domain cannot be renamed. Claim the other domain and remove this one.",
        details: { field: "domain" },
      });
    }
    const now = nowIso(ctx);
    const updated = {
      ...row,
      mode: settings.mode,
      default_role: settings.defaultRole,
      departments: JSON.stringify(settings.departments),
      include_subdomains: settings.includeSubdomains ? 1 : 0,
      require_sso: settings.requireSso ? 1 : 0,
      updated_at: now,
    };
    await updateOrgDomain(trx, row.id, {
      mode: updated.mode,
      default_role: updated.default_role,
      departments: updated.departments,
      include_subdomains: updated.include_subdomains,
      require_sso: updated.require_sso,
      updated_at: now,
    });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "domain.updated",
      target: { type: "domain", id: row.id },
      before,
      after: settings,
    });
    return domainView(updated);
  });
}
