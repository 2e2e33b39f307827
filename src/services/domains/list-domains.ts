import { listOrgDomains } from "../../db/queries/org-domains.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";
import { domainView } from "./domain-view.js";

/** The org's claimed domains, verified or not, with the TXT record each needs. */
export async function listDomains(ctx: ServiceContext, input: { orgId: string }) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  const [rows, hasSso] = await Promise.all([
    listOrgDomains(ctx.db, input.orgId),
    hasSsoConnection(ctx, input.orgId),
  ]);
  return { domains: rows.map(domainView), ssoConfigured: hasSso };
}

/**
 * Whether the org has an enabled OIDC connection (the console warns when a domain requires SSO and
 * there is none). `oidc_connections` arrives with migration 0010-sso (issue5-sso); until it is merged
 * the lookup fails and the answer is "none".
 */
async function hasSsoConnection(ctx: ServiceContext, orgId: string): Promise<boolean> {
  try {
    const row = await ctx.db
      .selectFrom("oidc_connections" as never)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id" as never, "=", orgId as never)
      .where("enabled" as never, "=", 1 as never)
      .executeTakeFirst();
    return Number((row as { n?: number } | undefined)?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
