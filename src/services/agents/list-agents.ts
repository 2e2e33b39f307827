import { listAgentsByIds } from "../../db/queries/agents.js";
import type { ServiceContext } from "../context.js";
import { type Page, visiblePage } from "../shared/visible-page.js";
import { type AgentView, toAgentView } from "./agent-view.js";

/** The agents the caller may see (agents:view): admins all; others their own, their teams', shared and org-wide ones. */
export function listAgents(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<AgentView>> {
  return visiblePage(ctx, input.orgId, input, {
    action: "agents:view",
    resourceType: "agent",
    ids: (policy) => policy.agents.keys(),
    load: async (ids) => (await listAgentsByIds(ctx.db, input.orgId, ids)).map(toAgentView),
  });
}
