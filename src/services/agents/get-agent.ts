import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { type AgentView, requireAgent, toAgentView } from "./agent-view.js";

export async function getAgent(
  ctx: ServiceContext,
  input: { orgId: string; agentId: string },
): Promise<AgentView> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:view", { type: "agent", id: row.id });
  return toAgentView(row);
}
