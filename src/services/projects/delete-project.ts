import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteProject as deleteProjectRow } from "../../db/queries/projects.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { projectSnapshot, requireProject, toProjectView } from "./project-views.js";

/** Removes a project and the access it gave (admins). Ending it instead keeps it listed. */
export async function deleteProject(
  ctx: ServiceContext,
  input: { orgId: string; projectId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireProject(trx, org.id, input.projectId);
    const before = await toProjectView(trx, org.id, row, now.getTime());
    await deleteProjectRow(trx, row.id);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "project.deleted",
      target: { type: "project", id: row.id },
      before: projectSnapshot(before),
    });
  });
}
