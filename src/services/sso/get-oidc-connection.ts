import { findOidcConnection } from "../../db/queries/sso.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";
import { type OidcConnectionView, oidcConnectionView } from "./oidc-connection-view.js";

/** The org's OIDC connection (never its secret). */
export async function getOidcConnection(
  ctx: ServiceContext,
  input: { orgId: string },
): Promise<OidcConnectionView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  const row = await findOidcConnection(ctx.db, input.orgId);
  if (!row) throw new AppError("SSO_NOT_CONFIGURED");
  return oidcConnectionView(ctx, row);
}
