import { updateContextFile as updateContextFileRow } from "../../db/queries/context-files.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import type { ContextFileScope } from "../../domain/access/policy-data.js";
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

export type UpdateContextFileInput = {
  orgId: string;
  fileId: string;
  name?: string;
  description?: string | null;
  scope?: ContextFileScope;
  teamId?: string | null;
};

/**
 * Editing needs `context-files:edit` (the owner of a personal file, the team's admins and owners for a
 * team file, org admins for any). Moving it to another scope or team also needs the right to create a
 * file there, so a team admin cannot make their team's file org-wide.
 */
export async function updateContextFile(
  ctx: ServiceContext,
  input: UpdateContextFileInput,
): Promise<ContextFileView> {
  const row = await requireContextFile(ctx.db, input.orgId, input.fileId);
  await authorize(ctx, input.orgId, "context-files:edit", { type: "context_file", id: row.id });
  const scope = input.scope ?? row.scope;
  const requestedTeam = input.teamId !== undefined ? input.teamId : scope === "team" ? row.team_id : null;
  const teamId = await resolveScopeTeam(ctx.db, input.orgId, scope, requestedTeam, "context file");
  if (scope !== row.scope || teamId !== row.team_id) {
    await authorize(
      ctx,
      input.orgId,
      "context-files:create",
      { type: "org" },
      { scope, ...(teamId !== null && { teamId }) },
    );
  }
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toContextFileView(await requireContextFile(trx, input.orgId, row.id));
    await updateContextFileRow(trx, row.id, {
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      scope,
      team_id: teamId,
      owner_user_id:
        scope === "personal" && row.owner_user_id === null ? actorUserId(ctx) : row.owner_user_id,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = toContextFileView(await requireContextFile(trx, input.orgId, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "context_file.updated",
      target: { type: "context_file", id: row.id },
      before: contextFileSnapshot(before),
      after: contextFileSnapshot(after),
    });
    return after;
  });
}
