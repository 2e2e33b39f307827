import { deleteContextFile as deleteContextFileRow } from "../../db/queries/context-files.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { contextFileSnapshot, requireContextFile, toContextFileView } from "./context-file-view.js";

/** Deleting takes the same right as changing it (`context-files:edit`); the table has no delete action. */
export async function deleteContextFile(
  ctx: ServiceContext,
  input: { orgId: string; fileId: string },
): Promise<void> {
  const row = await requireContextFile(ctx.db, input.orgId, input.fileId);
  await authorize(ctx, input.orgId, "context-files:edit", { type: "context_file", id: row.id });
  await inTransaction(ctx.db, async (trx) => {
    const before = toContextFileView(await requireContextFile(trx, input.orgId, row.id));
    await deleteContextFileRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "context_file.deleted",
      target: { type: "context_file", id: row.id },
      before: contextFileSnapshot(before),
    });
  });
}
