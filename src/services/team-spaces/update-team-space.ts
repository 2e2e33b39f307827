import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { updateTeamSpace as updateTeamSpaceRow } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  loadTeamSpaceDetail,
  requireTeamSpace,
  type TeamSpaceDetailView,
  teamSpaceSnapshot,
} from "./team-space-view.js";

export type UpdateTeamSpaceInput = {
  orgId: string;
  teamSpaceId: string;
  key?: string;
  name?: string;
  description?: string | null;
};

export async function updateTeamSpace(
  ctx: ServiceContext,
  input: UpdateTeamSpaceInput,
): Promise<TeamSpaceDetailView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const row = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  const key = input.key === undefined ? row.key : requireKey(input.key);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await updateTeamSpaceRow(trx, row.id, {
      key,
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.updated",
      target: { type: "team_space", id: row.id },
      before: teamSpaceSnapshot(before),
      after: teamSpaceSnapshot(after),
    });
    return after;
  });
}
