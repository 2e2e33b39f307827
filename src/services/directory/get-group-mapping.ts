import { listGroupMappings } from "../../db/queries/directory-groups.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";

/** The org's directory group mapping, in rule order. */
export async function getGroupMapping(ctx: ServiceContext, input: { orgId: string }) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  return { rules: await listGroupMappings(ctx.db, input.orgId) };
}
