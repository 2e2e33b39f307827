import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteTeamSpace as deleteTeamSpaceRow } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { loadTeamSpaceDetail, requireTeamSpace } from "./team-space-view.js";

/** The space, its access and its resource links; the resources themselves stay. */
export async function deleteTeamSpace(
  ctx: ServiceContext,
  input: { orgId: string; teamSpaceId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const row = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  await inTransaction(ctx.db, async (trx) => {
    const before = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await deleteTeamSpaceRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.deleted",
      target: { type: "team_space", id: row.id },
      before: {
        key: before.key,
        name: before.name,
        description: before.description,
        access: before.access.map(({ teamId, level }) => ({ teamId, level })),
        resources: before.resources,
      },
    });
  });
}
