import type { GroupMappingRule } from "../../domain/identity/group-mapping.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";
import { validateMapping } from "./group-mapping-input.js";
import { previewMappingChanges } from "./group-mapping-preview.js";

/** Before saving: who would gain and lose what under the proposed mapping. Writes nothing. */
export async function previewGroupMapping(
  ctx: ServiceContext,
  input: { orgId: string; rules: GroupMappingRule[] },
) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  await validateMapping(ctx.db, input.orgId, input.rules);
  return previewMappingChanges(ctx.db, input.orgId, input.rules);
}
