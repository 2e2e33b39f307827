import { listImports as listImportsQuery } from "../../db/queries/imports.js";
import type { ImportRow } from "../../db/schema.js";
import type { ServiceContext } from "../context.js";

/** Newest first (import ids are time-ordered); `before` is the last id of the previous page. */
export async function listImports(
  ctx: ServiceContext,
  input: { orgId: string; before: string | null; limit: number },
): Promise<{ items: ImportRow[]; nextCursor: string | null }> {
  const rows = await listImportsQuery(ctx.db, input.orgId, input.limit + 1, input.before);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}

export type { ImportRow } from "../../db/schema.js";
