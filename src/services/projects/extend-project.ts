import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { updateProject } from "../../db/queries/projects.js";
import { inTransaction } from "../../db/transaction.js";
import { extendedEnd } from "../../domain/access/durations.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type ProjectView, projectStatus, requireProject, toProjectView } from "./project-views.js";

/**
 * Pushes a project's end out (admins): by a duration from its current end, or to a later date. A project
 * that has expired or was ended early comes back: extending it is the admin saying it goes on.
 */
export async function extendProject(
  ctx: ServiceContext,
  input: { orgId: string; projectId: string; duration?: string; endsAt?: string },
): Promise<ProjectView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireProject(trx, org.id, input.projectId);
    const currentEnd = new Date(row.ended_at ?? row.ends_at);
    const endsAt = extendedEnd({ currentEnd, now, duration: input.duration, endsAt: input.endsAt });
    const changes = { ends_at: endsAt.toISOString(), ended_at: null, updated_at: now.toISOString() };
    await updateProject(trx, row.id, changes);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "project.extended",
      target: { type: "project", id: row.id },
      before: { status: projectStatus(row, now.getTime()), endsAt: row.ends_at, endedAt: row.ended_at },
      after: {
        status: "active",
        endsAt: changes.ends_at,
        endedAt: null,
        ...(input.duration !== undefined && { duration: input.duration }),
      },
    });
    return toProjectView(trx, org.id, { ...row, ...changes }, now.getTime());
  });
}
