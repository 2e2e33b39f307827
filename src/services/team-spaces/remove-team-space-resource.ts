import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteTeamSpaceResource } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import type { SpaceResourceType } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireTeamSpace } from "./team-space-view.js";

/** Takes a resource out of a team space; what the space gave its teams on it ends at once. */
export async function removeTeamSpaceResource(
  ctx: ServiceContext,
  input: { orgId: string; teamSpaceId: string; resourceType: SpaceResourceType; resourceId: string },
): Promise<void> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const space = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await deleteTeamSpaceResource(trx, space.id, input.resourceType, input.resourceId))) {
      throw new AppError("NOT_FOUND", { message: "That resource is not in this team space." });
    }
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.resource_removed",
      target: { type: "team_space", id: space.id },
      before: { key: space.key, resourceType: input.resourceType, resourceId: input.resourceId },
    });
  });
}
