import type { ServiceContext } from "../context.js";
import { type PermissionSetView, requireReadableSet, toPermissionSetView } from "./permission-set-views.js";

export async function getPermissionSet(
  ctx: ServiceContext,
  input: { orgId: string; setId: string },
): Promise<PermissionSetView> {
  const row = await requireReadableSet(ctx, ctx.db, input.orgId, input.setId);
  return toPermissionSetView(ctx.db, row);
}
