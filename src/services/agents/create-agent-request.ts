import { findAgentRequest, insertAgentRequest } from "../../db/queries/agent-requests.js";
import { inTransaction } from "../../db/transaction.js";
import { evaluate } from "../../domain/access/evaluate.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { policyOf } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type AgentRequestView, toAgentRequestView } from "./agent-request-view.js";

export type CreateAgentRequestInput = {
  orgId: string;
  agentKey: string;
  agentName: string;
  description?: string | null;
};

/**
 * A person whose permission set says `agent_creation: "admin_approval"` (the seed's finance_team)
 * asks an admin for a personal agent. Only then: someone who may create agents is told to create it
 * themselves, and someone who may not create any (a viewer, `agent_creation: false`) is told why.
 */
export async function createAgentRequest(
  ctx: ServiceContext,
  input: CreateAgentRequestInput,
): Promise<AgentRequestView> {
  if (ctx.actor.kind !== "user") {
    throw new AppError("FORBIDDEN", {
      message: "Agent-creation requests are filed by people, for themselves.",
    });
  }
  const requesterId = ctx.actor.userId;
  const agentKey = requireKey(input.agentKey, "agentKey");
  const decision = evaluate(
    await policyOf(ctx, input.orgId),
    {
      subject: { type: "user", id: requesterId },
      action: "agents:create",
      resource: { type: "org" },
      context: { scope: "personal" },
    },
    ctx.clock.nowMs(),
  );
  if (decision.allowed) {
    throw new AppError("VALIDATION_FAILED", {
      message: "You may create personal agents yourself; no approval is needed. Create it with POST /agents.",
      details: { reason: "ALLOWED" },
    });
  }
  if (decision.reason.code !== "APPROVAL_REQUIRED") {
    throw new AppError("FORBIDDEN", {
      message: `${decision.reason.message} An approval request cannot change that.`,
      details: { reason: decision.reason.code },
    });
  }
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    // No access version bump: a request grants nothing until an admin approves it.
    await insertAgentRequest(trx, {
      id,
      org_id: input.orgId,
      requester_user_id: requesterId,
      agent_key: agentKey,
      agent_name: input.agentName,
      description: input.description ?? null,
      status: "pending",
      decided_by: null,
      decided_at: null,
      decision_note: null,
      agent_id: null,
      created_at: now,
      updated_at: now,
    });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent_request.created",
      target: { type: "agent_request", id },
      after: { agentKey, agentName: input.agentName, requesterUserId: requesterId },
    });
    const row = await findAgentRequest(trx, input.orgId, id);
    if (!row)
      throw new AppError("INTERNAL", { internal: "agent request vanished inside its own transaction" });
    return toAgentRequestView(row);
  });
}
