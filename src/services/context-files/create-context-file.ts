import { insertContextFile } from "../../db/queries/context-files.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import type { ContextFileScope } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { resolveScopeTeam } from "../shared/scope-team.js";
import {
  type ContextFileView,
  contextFileSnapshot,
  requireContextFile,
  toContextFileView,
} from "./context-file-view.js";

export type CreateContextFileInput = {
  orgId: string;
  name: string;
  description?: string | null;
  scope: ContextFileScope;
  teamId?: string | null;
};

/**
 * The auxot seed's rule, decided by `context-files:create`: a User creates Personal context files,
 * a team's Admins and Owners create Team-scoped ones for that team, org Admins create Org-scoped ones.
 * Viewers create none.
 */
export async function createContextFile(
  ctx: ServiceContext,
  input: CreateContextFileInput,
): Promise<ContextFileView> {
  const teamId = await resolveScopeTeam(ctx.db, input.orgId, input.scope, input.teamId, "context file");
  await authorize(
    ctx,
    input.orgId,
    "context-files:create",
    { type: "org" },
    { scope: input.scope, ...(teamId !== null && { teamId }) },
  );
  const ownerId = actorUserId(ctx);
  if (input.scope === "personal" && ownerId === null) {
    throw new AppError("VALIDATION_FAILED", { message: "A personal context file needs a person to own it." });
  }
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertContextFile(trx, {
      id,
      org_id: input.orgId,
      name: input.name,
      description: input.description ?? null,
      scope: input.scope,
      owner_user_id: ownerId,
      team_id: teamId,
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = toContextFileView(await requireContextFile(trx, input.orgId, id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "context_file.created",
      target: { type: "context_file", id },
      after: contextFileSnapshot(view),
    });
    return view;
  });
}
