import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  replaceProjectMembers,
  replaceProjectResources,
  updateProject as updateProjectRow,
} from "../../db/queries/projects.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { resolveMembers, resolveResources } from "./project-refs.js";
import {
  type ProjectMemberInput,
  type ProjectResourceInput,
  type ProjectView,
  projectSnapshot,
  requireProject,
  toProjectView,
} from "./project-views.js";

export type UpdateProjectInput = {
  orgId: string;
  projectId: string;
  name?: string;
  description?: string | null;
  /** Replace the project's members / resources. */
  members?: readonly ProjectMemberInput[];
  resources?: readonly ProjectResourceInput[];
};

/** Renames a project or replaces its members or resources (admins). Its end moves with extend and end. */
export async function updateProject(ctx: ServiceContext, input: UpdateProjectInput): Promise<ProjectView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireProject(trx, org.id, input.projectId);
    const before = await toProjectView(trx, org.id, row, now.getTime());
    const next = {
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      updated_at: now.toISOString(),
    };
    await updateProjectRow(trx, row.id, next);
    if (input.members !== undefined)
      await replaceProjectMembers(trx, org.id, row.id, await resolveMembers(trx, org.id, input.members));
    if (input.resources !== undefined)
      await replaceProjectResources(
        trx,
        org.id,
        row.id,
        await resolveResources(trx, org.id, input.resources),
      );
    await bumpAccessVersion(trx, org.id);
    const after = await toProjectView(trx, org.id, { ...row, ...next }, now.getTime());
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "project.updated",
      target: { type: "project", id: row.id },
      before: projectSnapshot(before),
      after: projectSnapshot(after),
    });
    return after;
  });
}
