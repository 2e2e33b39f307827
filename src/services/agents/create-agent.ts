import { insertAgent } from "../../db/queries/agents.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import type { AgentScope } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { resolveScopeTeam } from "../shared/scope-team.js";
import { type AgentView, agentSnapshot, requireAgent, toAgentView } from "./agent-view.js";

export type CreateAgentInput = {
  orgId: string;
  key: string;
  name: string;
  description?: string | null;
  scope: AgentScope;
  teamId?: string | null;
};

/**
 * The creator owns the agent. Who may create which scope is the capability table's `agents:create`:
 * anyone but a viewer creates personal agents, team admins and owners their team's, org admins
 * org-wide ones; a permission set saying `agent_creation: "admin_approval"` refuses with
 * APPROVAL_REQUIRED (file an agent-creation request instead), `false` with CREATION_DISABLED.
 */
export async function createAgent(ctx: ServiceContext, input: CreateAgentInput): Promise<AgentView> {
  const key = requireKey(input.key);
  const teamId = await resolveScopeTeam(ctx.db, input.orgId, input.scope, input.teamId, "agent");
  await authorize(
    ctx,
    input.orgId,
    "agents:create",
    { type: "org" },
    { scope: input.scope, ...(teamId !== null && { teamId }) },
  );
  const ownerId = actorUserId(ctx);
  if (input.scope === "personal" && ownerId === null) {
    throw new AppError("VALIDATION_FAILED", { message: "A personal agent needs a person to own it." });
  }
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertAgent(trx, {
      id,
      org_id: input.orgId,
      key,
      name: input.name,
      description: input.description ?? null,
      scope: input.scope,
      owner_user_id: ownerId,
      team_id: teamId,
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = toAgentView(await requireAgent(trx, input.orgId, id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.created",
      target: { type: "agent", id },
      after: agentSnapshot(view),
    });
    return view;
  });
}
