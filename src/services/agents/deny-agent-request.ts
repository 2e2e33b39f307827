import { decideAgentRequest } from "../../db/queries/agent-requests.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  type AgentRequestView,
  assertPending,
  requireAgentRequest,
  toAgentRequestView,
} from "./agent-request-view.js";

/** Admins deny, optionally saying why; the requester sees the note on their request. */
export async function denyAgentRequest(
  ctx: ServiceContext,
  input: { orgId: string; requestId: string; note?: string | null },
): Promise<AgentRequestView> {
  await authorize(ctx, input.orgId, "agents:manage-all", { type: "org" });
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const request = await requireAgentRequest(trx, input.orgId, input.requestId);
    assertPending(request);
    // No access version bump: nothing anyone may do changes.
    const decided = await decideAgentRequest(trx, request.id, {
      status: "denied",
      decided_by: actorUserId(ctx),
      decided_at: now,
      decision_note: input.note ?? null,
      agent_id: null,
      updated_at: now,
    });
    if (!decided)
      throw new AppError("AGENT_REQUEST_DECIDED", {
        message: "This request was decided by someone else just now. Reload to see the decision.",
      });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent_request.denied",
      target: { type: "agent_request", id: request.id },
      before: { status: "pending" },
      after: { status: "denied", note: input.note ?? null },
    });
    return toAgentRequestView(await requireAgentRequest(trx, input.orgId, request.id));
  });
}
