import { listModelsPage } from "../../db/queries/models.js";
import type { ServiceContext } from "../context.js";
import type { Page } from "../shared/visible-page.js";
import { type ModelView, toModelView } from "./model-view.js";

/** The org's AI model catalog, for every member (who may use which is `models:use`). */
export async function listModels(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<ModelView>> {
  const rows = await listModelsPage(ctx.db, input.orgId, { afterId: input.after, limit: input.limit + 1 });
  const items = rows.slice(0, input.limit).map(toModelView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
