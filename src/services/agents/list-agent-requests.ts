import { type AgentRequestStatus, listAgentRequestsPage } from "../../db/queries/agent-requests.js";
import { evaluate } from "../../domain/access/evaluate.js";
import type { ServiceContext } from "../context.js";
import { policyOf } from "../shared/authorize.js";
import type { Page } from "../shared/visible-page.js";
import { type AgentRequestView, toAgentRequestView } from "./agent-request-view.js";

/** Admins (who decide them) see every request; everyone else sees their own. Oldest first. */
export async function listAgentRequests(
  ctx: ServiceContext,
  input: {
    orgId: string;
    statuses: readonly AgentRequestStatus[] | null;
    after: string | null;
    limit: number;
  },
): Promise<Page<AgentRequestView>> {
  let requesterId: string | null = null;
  if (ctx.actor.kind === "user") {
    const decision = evaluate(
      await policyOf(ctx, input.orgId),
      {
        subject: { type: "user", id: ctx.actor.userId },
        action: "agents:manage-all",
        resource: { type: "org" },
      },
      ctx.clock.nowMs(),
    );
    if (!decision.allowed) requesterId = ctx.actor.userId;
  }
  const rows = await listAgentRequestsPage(
    ctx.db,
    input.orgId,
    { requesterId, statuses: input.statuses },
    { afterId: input.after, limit: input.limit + 1 },
  );
  const items = rows.slice(0, input.limit).map(toAgentRequestView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
