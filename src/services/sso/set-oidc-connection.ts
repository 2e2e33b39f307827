import { findOidcConnection, upsertOidcConnection } from "../../db/queries/sso.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { OrgRole } from "../../domain/roles.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg, requireOrg } from "../shared/require.js";
import { discover, rememberDiscovery } from "./oidc-client.js";
import { type OidcConnectionView, oidcConnectionView } from "./oidc-connection-view.js";

export type SetOidcConnectionInput = {
  orgId: string;
  issuer: string;
  clientId: string;
  /** Required for a new connection; omitted keeps the stored one. */
  clientSecret?: string | undefined;
  scopes: string[];
  defaultRole: OrgRole;
  groupsClaim: string;
  enabled: boolean;
};

/**
 * Creates or replaces the org's OIDC connection. Discovery runs first (outside the transaction: it is
 * network I/O), so a connection that cannot work is never saved.
 */
export async function setOidcConnection(
  ctx: ServiceContext,
  input: SetOidcConnectionInput,
): Promise<OidcConnectionView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  const existing = await findOidcConnection(ctx.db, input.orgId);
  const secret =
    input.clientSecret ?? (existing ? ctx.sealer.unseal(existing.client_secret_sealed) : undefined);
  if (secret === undefined) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Enter the client secret the identity provider gave you for Gatehouse.",
      details: { fields: ["clientSecret"] },
    });
  }
  const issuer = input.issuer.trim();
  const discovered = await discover(ctx, { issuer, clientId: input.clientId, clientSecret: secret });
  const scopes = ["openid", ...input.scopes.filter((s) => s !== "openid")];

  ctx.oidcDiscovery.evict(input.orgId);
  const { row, view } = await inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    const before = await findOidcConnection(trx, input.orgId);
    const now = nowIso(ctx);
    const row = {
      org_id: input.orgId,
      issuer,
      client_id: input.clientId,
      client_secret_sealed: ctx.sealer.seal(secret),
      scopes: [...new Set(scopes)].join(" "),
      default_role: input.defaultRole,
      groups_claim: input.groupsClaim,
      enabled: input.enabled ? 1 : 0,
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    await upsertOidcConnection(trx, row);
    const describe = (r: typeof row | undefined) =>
      r && {
        issuer: r.issuer,
        clientId: r.client_id,
        scopes: r.scopes,
        defaultRole: r.default_role,
        groupsClaim: r.groups_claim,
        enabled: r.enabled === 1,
      };
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "sso_connection.updated",
      target: { type: "sso_connection", id: input.orgId },
      before: describe(before) ?? null,
      after: { ...describe(row), secretChanged: input.clientSecret !== undefined },
    });
    return { row, view: oidcConnectionView(ctx, row) };
  });
  // Logins use what was just discovered: the next one needs no discovery request.
  rememberDiscovery(ctx, row, discovered);
  return view;
}
