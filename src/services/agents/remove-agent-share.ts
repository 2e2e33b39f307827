import { deleteAgentShare, listAgentShares } from "../../db/queries/agents.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireAgent } from "./agent-view.js";

/** Stops sharing an agent with one team; the team's members lose what the share gave them at once. */
export async function removeAgentShare(
  ctx: ServiceContext,
  input: { orgId: string; agentId: string; teamId: string },
): Promise<void> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:share", { type: "agent", id: row.id });
  await inTransaction(ctx.db, async (trx) => {
    const share = (await listAgentShares(trx, row.id)).find((s) => s.team_id === input.teamId);
    if (!share || !(await deleteAgentShare(trx, row.id, input.teamId))) {
      throw new AppError("NOT_FOUND", { message: "This agent is not shared with that team." });
    }
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.unshared",
      target: { type: "agent", id: row.id },
      before: { key: row.key, teamId: share.team_id, teamName: share.team_name, level: share.level },
    });
  });
}
