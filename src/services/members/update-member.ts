import { revokePersonalKeysOf } from "../../db/queries/api-keys.js";
import { countMembersWithRole, findMembership, updateMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertCanGrantOrgRole, assertKeepsAnAdmin } from "../../domain/permissions.js";
import { compareOrgRoles, type OrgRole } from "../../domain/roles.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { actorOrgRole, requireLockedOrg } from "../shared/require.js";

export type UpdateMemberInput = {
  orgId: string;
  userId: string;
  role?: OrgRole;
  /** A department label; null clears it. */
  department?: string | null;
};

/** Changes a member's org role or department. Takes effect on their next request: access is read fresh. */
export async function updateMember(ctx: ServiceContext, input: UpdateMemberInput) {
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    const member = await findMembership(trx, input.orgId, input.userId);
    if (!member)
      throw new AppError("NOT_FOUND", { message: "This person is not a member of the organization." });
    const nextRole = input.role ?? member.role;
    const nextDepartment = input.department === undefined ? member.department : input.department;
    if (nextRole !== member.role) {
      assertCanGrantOrgRole(actorOrgRole(ctx), nextRole);
      assertKeepsAnAdmin(await countMembersWithRole(trx, input.orgId, "admin"), member.role, nextRole);
    }
    await updateMembership(trx, input.orgId, input.userId, {
      role: nextRole,
      department: nextDepartment,
      updated_at: now,
    });
    // Demoted: personal API keys die (they act as their owner and were scoped to the old role).
    if (compareOrgRoles(nextRole, member.role) < 0) {
      await revokePersonalKeysOf(trx, input.orgId, input.userId, now, `owner demoted to ${nextRole}`);
    }
    // The department decides which permission sets apply, so it is an access change too.
    if (nextRole !== member.role || nextDepartment !== member.department)
      await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "member.updated",
      target: { type: "member", id: input.userId },
      before: { role: member.role, department: member.department },
      after: { role: nextRole, department: nextDepartment },
    });
    return { userId: input.userId, role: nextRole, department: nextDepartment };
  });
}
