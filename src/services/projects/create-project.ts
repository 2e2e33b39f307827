import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { insertProject, replaceProjectMembers, replaceProjectResources } from "../../db/queries/projects.js";
import { inTransaction } from "../../db/transaction.js";
import { resolveEnd } from "../../domain/access/durations.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { resolveMembers, resolveResources } from "./project-refs.js";
import {
  type ProjectMemberInput,
  type ProjectResourceInput,
  type ProjectView,
  projectSnapshot,
  toProjectView,
} from "./project-views.js";

export type CreateProjectInput = {
  orgId: string;
  name: string;
  description?: string | null;
  /** "6 months", "2 weeks", "90 days"…; or endsAt. Exactly one. */
  duration?: string;
  endsAt?: string;
  /** Defaults to now; the duration counts from it. A later start schedules the project. */
  startsAt?: string;
  members?: readonly ProjectMemberInput[];
  resources?: readonly ProjectResourceInput[];
};

/**
 * The seed's Project Alpha: people, teams or departments get its agents, integrations, knowledge bases
 * and files until it ends. Nothing has to run at the end: the engine compares the time at each check.
 * Admins.
 */
export async function createProject(ctx: ServiceContext, input: CreateProjectInput): Promise<ProjectView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const now = ctx.clock.now();
  const start = input.startsAt === undefined ? now : new Date(input.startsAt);
  if (Number.isNaN(start.getTime())) {
    throw new AppError("VALIDATION_FAILED", {
      message: "startsAt is not a date.",
      details: { field: "startsAt" },
    });
  }
  const endsAt = resolveEnd({ start, now, duration: input.duration, endsAt: input.endsAt });
  const id = newId();
  const nowIso = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const members = await resolveMembers(trx, org.id, input.members ?? []);
    const resources = await resolveResources(trx, org.id, input.resources ?? []);
    const row = {
      id,
      org_id: org.id,
      name: input.name,
      description: input.description ?? null,
      starts_at: start.toISOString(),
      ends_at: endsAt.toISOString(),
      ended_at: null,
      created_by: actorUserId(ctx),
      created_at: nowIso,
      updated_at: nowIso,
    };
    await insertProject(trx, row);
    await replaceProjectMembers(trx, org.id, id, members);
    await replaceProjectResources(trx, org.id, id, resources);
    await bumpAccessVersion(trx, org.id);
    const view = await toProjectView(trx, org.id, row, now.getTime());
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "project.created",
      target: { type: "project", id },
      after: { ...projectSnapshot(view), ...(input.duration !== undefined && { duration: input.duration }) },
    });
    return view;
  });
}
