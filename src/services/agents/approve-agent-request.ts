import { decideAgentRequest } from "../../db/queries/agent-requests.js";
import { insertAgent } from "../../db/queries/agents.js";
import { findMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  type AgentRequestView,
  assertPending,
  requireAgentRequest,
  toAgentRequestView,
} from "./agent-request-view.js";
import { agentSnapshot, requireAgent, toAgentView } from "./agent-view.js";

export type ApproveAgentRequestInput = {
  orgId: string;
  requestId: string;
  note?: string | null;
  /** A different key when the requested one was taken in the meantime. */
  agentKey?: string;
};

/**
 * Admins approve: the requested personal agent is created, owned by the requester, in the same
 * transaction that marks the request approved and links it to the agent. Approving is an admin's
 * "create and manage all agents" (agents:manage-all).
 */
export async function approveAgentRequest(
  ctx: ServiceContext,
  input: ApproveAgentRequestInput,
): Promise<AgentRequestView> {
  await authorize(ctx, input.orgId, "agents:manage-all", { type: "org" });
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const request = await requireAgentRequest(trx, input.orgId, input.requestId);
    assertPending(request);
    if (!(await findMembership(trx, input.orgId, request.requester_user_id))) {
      throw new AppError("VALIDATION_FAILED", {
        message: `${request.requester_name} is no longer a member of the organization. Deny the request instead.`,
      });
    }
    const agentId = newId();
    await insertAgent(trx, {
      id: agentId,
      org_id: input.orgId,
      key: requireKey(input.agentKey ?? request.agent_key, "agentKey"),
      name: request.agent_name,
      description: request.description,
      scope: "personal",
      owner_user_id: request.requester_user_id,
      team_id: null,
      created_at: now,
      updated_at: now,
    });
    const decided = await decideAgentRequest(trx, request.id, {
      status: "approved",
      decided_by: actorUserId(ctx),
      decided_at: now,
      decision_note: input.note ?? null,
      agent_id: agentId,
      updated_at: now,
    });
    if (!decided)
      throw new AppError("AGENT_REQUEST_DECIDED", {
        message: "This request was decided by someone else just now. Reload to see the decision.",
      });
    await bumpAccessVersion(trx, input.orgId);
    const agent = toAgentView(await requireAgent(trx, input.orgId, agentId));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.created",
      target: { type: "agent", id: agentId },
      after: { ...agentSnapshot(agent), requestId: request.id },
    });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent_request.approved",
      target: { type: "agent_request", id: request.id },
      before: { status: "pending" },
      after: { status: "approved", agentId, note: input.note ?? null },
    });
    return toAgentRequestView(await requireAgentRequest(trx, input.orgId, request.id));
  });
}
