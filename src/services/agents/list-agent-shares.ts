import { listAgentShares as listAgentShareRows } from "../../db/queries/agents.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { type AgentShareView, requireAgent, toAgentShareViews } from "./agent-view.js";

/** The teams an agent is shared with and at which level; for whoever may see the agent. */
export async function listAgentShares(
  ctx: ServiceContext,
  input: { orgId: string; agentId: string },
): Promise<AgentShareView[]> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:view", { type: "agent", id: row.id });
  return toAgentShareViews(await listAgentShareRows(ctx.db, row.id));
}
