import { listAgentShares, replaceAgentShares } from "../../db/queries/agents.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import type { ShareLevel } from "../../domain/access/policy-data.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireDistinctTeams } from "../shared/require-teams.js";
import { type AgentShareView, requireAgent, toAgentShareViews } from "./agent-view.js";

export type SetAgentSharesInput = {
  orgId: string;
  agentId: string;
  shares: readonly { teamId: string; level: ShareLevel }[];
};

/**
 * Replaces the teams an agent is shared with (mixus "shared_agents": full, run_only or view_only per
 * team). Needs `agents:share`, which takes full access to the agent.
 */
export async function setAgentShares(
  ctx: ServiceContext,
  input: SetAgentSharesInput,
): Promise<AgentShareView[]> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:share", { type: "agent", id: row.id });
  await requireDistinctTeams(
    ctx.db,
    input.orgId,
    input.shares.map((s) => s.teamId),
  );
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toAgentShareViews(await listAgentShares(trx, row.id));
    await replaceAgentShares(trx, input.orgId, row.id, input.shares, now);
    await bumpAccessVersion(trx, input.orgId);
    const after = toAgentShareViews(await listAgentShares(trx, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.shared",
      target: { type: "agent", id: row.id },
      before: { key: row.key, shares: before.map(({ teamId, level }) => ({ teamId, level })) },
      after: { key: row.key, shares: after.map(({ teamId, level }) => ({ teamId, level })) },
    });
    return after;
  });
}
