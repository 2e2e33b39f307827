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
 * Whether the org has an SSO connection (the console warns when a domain requires SSO and there is
 * none). The SSO tables arrive with migration 0010; until then there is none.
 */
async function hasSsoConnection(ctx: ServiceContext, orgId: string): Promise<boolean> {
  try {
    const row = await ctx.db
      .selectFrom("sso_connections" as never)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id" as never, "=", orgId as never)
      .executeTakeFirst();
    return Number((row as { n?: number } | undefined)?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
