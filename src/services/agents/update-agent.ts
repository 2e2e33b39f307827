import { updateAgent as updateAgentRow } from "../../db/queries/agents.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import type { AgentScope } from "../../domain/access/policy-data.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { resolveScopeTeam } from "../shared/scope-team.js";
import { type AgentView, agentSnapshot, requireAgent, toAgentView } from "./agent-view.js";

export type UpdateAgentInput = {
  orgId: string;
  agentId: string;
  key?: string;
  name?: string;
  description?: string | null;
  scope?: AgentScope;
  teamId?: string | null;
};

/**
 * Editing needs `agents:edit` on the agent (full access: its owner, its team's admins and owners, a
 * team it is shared with at full, org admins). Moving it to another scope or team also needs the right
 * to create an agent there: a member cannot turn their agent into an org-wide one.
 */
export async function updateAgent(ctx: ServiceContext, input: UpdateAgentInput): Promise<AgentView> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:edit", { type: "agent", id: row.id });
  const scope = input.scope ?? row.scope;
  const requestedTeam = input.teamId !== undefined ? input.teamId : scope === "team" ? row.team_id : null;
  const teamId = await resolveScopeTeam(ctx.db, input.orgId, scope, requestedTeam, "agent");
  if (scope !== row.scope || teamId !== row.team_id) {
    await authorize(
      ctx,
      input.orgId,
      "agents:create",
      { type: "org" },
      { scope, ...(teamId !== null && { teamId }) },
    );
  }
  const key = input.key === undefined ? row.key : requireKey(input.key);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toAgentView(await requireAgent(trx, input.orgId, row.id));
    await updateAgentRow(trx, row.id, {
      key,
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      scope,
      team_id: teamId,
      // A personal agent is its owner's; one whose owner has gone becomes the mover's.
      owner_user_id:
        scope === "personal" && row.owner_user_id === null ? actorUserId(ctx) : row.owner_user_id,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = toAgentView(await requireAgent(trx, input.orgId, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.updated",
      target: { type: "agent", id: row.id },
      before: agentSnapshot(before),
      after: agentSnapshot(after),
    });
    return after;
  });
}
