import type { Executor } from "../../db/client.js";
import { type AgentRequestRow, findAgentRequest } from "../../db/queries/agent-requests.js";
import { AppError } from "../../domain/errors.js";

export type AgentRequestView = {
  id: string;
  requesterUserId: string;
  requesterName: string;
  agentKey: string;
  agentName: string;
  description: string | null;
  status: "pending" | "approved" | "denied";
  decidedBy: string | null;
  deciderName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The agent approval created (null once that agent is deleted). */
  agentId: string | null;
  createdAt: string;
  updatedAt: string;
};

export function toAgentRequestView(row: AgentRequestRow): AgentRequestView {
  return {
    id: row.id,
    requesterUserId: row.requester_user_id,
    requesterName: row.requester_name,
    agentKey: row.agent_key,
    agentName: row.agent_name,
    description: row.description,
    status: row.status,
    decidedBy: row.decided_by,
    deciderName: row.decider_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    agentId: row.agent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function requireAgentRequest(
  db: Executor,
  orgId: string,
  requestId: string,
): Promise<AgentRequestRow> {
  const row = await findAgentRequest(db, orgId, requestId);
  if (!row) {
    throw new AppError("NOT_FOUND", {
      message: "That agent-creation request does not exist in this organization.",
    });
  }
  return row;
}

/** Only a pending request is decided, once. */
export function assertPending(row: AgentRequestRow): void {
  if (row.status !== "pending") {
    throw new AppError("AGENT_REQUEST_DECIDED", {
      message: `This request was already ${row.status}${row.decided_at ? ` on ${row.decided_at.slice(0, 10)}` : ""}${row.decider_name ? ` by ${row.decider_name}` : ""}. A new request is needed to ask again.`,
      details: { status: row.status },
    });
  }
}
