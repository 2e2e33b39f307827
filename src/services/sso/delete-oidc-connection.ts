import { deleteOidcConnection, findOidcConnection } from "../../db/queries/sso.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";

/** Removes the org's OIDC connection; identities stay, so reconnecting the same IdP keeps accounts. */
export async function removeOidcConnection(ctx: ServiceContext, input: { orgId: string }): Promise<void> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    const before = await findOidcConnection(trx, input.orgId);
    if (!before || !(await deleteOidcConnection(trx, input.orgId))) throw new AppError("SSO_NOT_CONFIGURED");
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "sso_connection.deleted",
      target: { type: "sso_connection", id: input.orgId },
      before: { issuer: before.issuer, clientId: before.client_id },
    });
  });
  ctx.oidcDiscovery.evict(input.orgId);
}
