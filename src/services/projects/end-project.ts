import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { updateProject } from "../../db/queries/projects.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type ProjectView, projectStatus, requireProject, toProjectView } from "./project-views.js";

/**
 * Ends a project now (admins): its access stops with the next check. Ending one that is already over
 * changes nothing and answers as it stands.
 */
export async function endProject(
  ctx: ServiceContext,
  input: { orgId: string; projectId: string },
): Promise<ProjectView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireProject(trx, org.id, input.projectId);
    if (projectStatus(row, now.getTime()) !== "active") return toProjectView(trx, org.id, row, now.getTime());
    const changes = { ended_at: now.toISOString(), updated_at: now.toISOString() };
    await updateProject(trx, row.id, changes);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "project.ended",
      target: { type: "project", id: row.id },
      before: { status: "active", endsAt: row.ends_at, endedAt: null },
      after: { status: "ended", endsAt: row.ends_at, endedAt: changes.ended_at },
    });
    return toProjectView(trx, org.id, { ...row, ...changes }, now.getTime());
  });
}
