import { decideJoinRequest as decideRow, findJoinRequest } from "../../db/queries/join-requests.js";
import { findMembership } from "../../db/queries/memberships.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { ORG_ROLES, type OrgRole } from "../../domain/roles.js";
import { actorUserId, nowIso, type ServiceContext } from "../context.js";
import { addDomainMember } from "../domains/join-by-verified-domain.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { actorOrgRole, requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { type JoinRequestView, joinRequestView } from "./join-request-view.js";

/**
 * Approves (with the pre-filled role or another one; a seat is counted) or declines a pending join
 * request. A request is decided once: the pending -> decided write is conditional on the status.
 */
export async function decideJoinRequest(
  ctx: ServiceContext,
  input: { orgId: string; requestId: string; decision: "approve" | "decline"; role?: OrgRole },
): Promise<JoinRequestView> {
  await authorize(ctx, input.orgId, "members:invite", { type: "org" });
  if (input.role !== undefined && ctx.actor.kind === "user") {
    const mine = actorOrgRole(ctx);
    if (ORG_ROLES.indexOf(input.role) > ORG_ROLES.indexOf(mine)) throw new AppError("ROLE_ABOVE_YOUR_OWN");
  }
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const request = await findJoinRequest(trx, org.id, input.requestId);
    if (!request)
      throw new AppError("NOT_FOUND", { message: "This join request does not exist in the organization." });
    if (request.status !== "pending") {
      throw new AppError("JOIN_REQUEST_DECIDED", {
        message: `This join request was already ${request.status}.`,
        details: { status: request.status },
      });
    }
    const now = nowIso(ctx);
    const role = input.role ?? request.role;
    const status = input.decision === "approve" ? "approved" : "declined";
    if (status === "approved") {
      if (await findMembership(trx, org.id, request.user_id)) throw new AppError("ALREADY_MEMBER");
      await assertSeatAvailable(trx, org, ctx.config, now, { countPending: true });
    }
    if (!(await decideRow(trx, request.id, { status, role, decidedBy: actorUserId(ctx), now }))) {
      throw new AppError("JOIN_REQUEST_DECIDED");
    }
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: status === "approved" ? "join_request.approved" : "join_request.declined",
      target: { type: "join_request", id: request.id },
      before: { status: "pending", role: request.role },
      after: { status, role, userId: request.user_id, email: request.email },
    });
    if (status === "approved") {
      await addDomainMember(trx, ctx, {
        orgId: org.id,
        defaultTeamId: org.default_team_id,
        userId: request.user_id,
        role,
        department: request.department,
        note: { via: "domain", joinRequestId: request.id },
      });
    }
    return joinRequestView({ ...request, status, role, decided_by: actorUserId(ctx), decided_at: now });
  });
}
