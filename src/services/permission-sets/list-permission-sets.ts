import { listPermissionSetsPage } from "../../db/queries/permission-sets.js";
import { personalSetKey } from "../../domain/access/mass-update.js";
import type { ServiceContext } from "../context.js";
import type { Page } from "../members/list-members.js";
import {
  canConfigurePolicies,
  type PermissionSetView,
  toPermissionSetViews,
} from "./permission-set-views.js";

/**
 * Shared sets are open to every member of the org: they are the org's rules. Personal sets (written by
 * mass updates) are listed only when asked for, all of them to admins and one's own to anyone else.
 */
export async function listPermissionSets(
  ctx: ServiceContext,
  input: { orgId: string; kind: "shared" | "personal"; after: string | null; limit: number },
): Promise<Page<PermissionSetView>> {
  let keys: string[] | undefined;
  if (input.kind === "personal" && !(await canConfigurePolicies(ctx, input.orgId))) {
    keys = ctx.actor.kind === "user" ? [personalSetKey(ctx.actor.userId)] : [];
  }
  const rows = await listPermissionSetsPage(
    ctx.db,
    input.orgId,
    { kind: input.kind, ...(keys && { keys }) },
    { afterId: input.after, limit: input.limit + 1 },
  );
  const items = await toPermissionSetViews(ctx.db, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
