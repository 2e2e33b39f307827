import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { insertTeamSpace } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { loadTeamSpaceDetail, type TeamSpaceDetailView, teamSpaceSnapshot } from "./team-space-view.js";

export type CreateTeamSpaceInput = { orgId: string; key: string; name: string; description?: string | null };

/**
 * A team space (mixus "Marketing Team Space") starts empty and closed: no team has access until an
 * admin sets it. Arranging team spaces is configuring org policy (`policies:configure`).
 */
export async function createTeamSpace(
  ctx: ServiceContext,
  input: CreateTeamSpaceInput,
): Promise<TeamSpaceDetailView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const key = requireKey(input.key);
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertTeamSpace(trx, {
      id,
      org_id: input.orgId,
      key,
      name: input.name,
      description: input.description ?? null,
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = await loadTeamSpaceDetail(trx, input.orgId, id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.created",
      target: { type: "team_space", id },
      after: teamSpaceSnapshot(view),
    });
    return view;
  });
}
