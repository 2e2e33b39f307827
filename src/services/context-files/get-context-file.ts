import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { type ContextFileView, requireContextFile, toContextFileView } from "./context-file-view.js";

export async function getContextFile(
  ctx: ServiceContext,
  input: { orgId: string; fileId: string },
): Promise<ContextFileView> {
  const row = await requireContextFile(ctx.db, input.orgId, input.fileId);
  await authorize(ctx, input.orgId, "context-files:read", { type: "context_file", id: row.id });
  return toContextFileView(row);
}
