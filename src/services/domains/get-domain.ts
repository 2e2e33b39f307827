import type { Executor } from "../../db/client.js";
import { findOrgDomain } from "../../db/queries/org-domains.js";
import type { OrgDomainRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { type DomainView, domainView } from "./domain-view.js";

export async function requireDomain(db: Executor, orgId: string, domainId: string): Promise<OrgDomainRow> {
  const row = await findOrgDomain(db, orgId, domainId);
  if (!row) throw new AppError("NOT_FOUND", { message: "This domain is not claimed by the organization." });
  return row;
}

/** One claimed domain with the TXT record to publish. */
export async function getDomain(
  ctx: ServiceContext,
  input: { orgId: string; domainId: string },
): Promise<DomainView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  return domainView(await requireDomain(ctx.db, input.orgId, input.domainId));
}
