import { deleteOrgDomain } from "../../db/queries/org-domains.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { settingsOf } from "./domain-view.js";
import { requireDomain } from "./get-domain.js";

/** Gives up a domain: nobody joins through it any more and another org may verify it. Members stay. */
export async function removeDomain(
  ctx: ServiceContext,
  input: { orgId: string; domainId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await inTransaction(ctx.db, async (trx) => {
    const row = await requireDomain(trx, input.orgId, input.domainId);
    await deleteOrgDomain(trx, row.id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "domain.removed",
      target: { type: "domain", id: row.id },
      before: { domain: row.domain, verified: row.verified_at !== null, ...settingsOf(row) },
    });
  });
}
