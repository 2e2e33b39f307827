import { deleteReferencesToUser } from "../../db/queries/access-references.js";
import { revokePersonalKeysOf } from "../../db/queries/api-keys.js";
import { countMembersWithRole, deleteMembership, findMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteSessionsOfUser } from "../../db/queries/sessions.js";
import { deleteTeamMembershipsOfUser, listTeamsSolelyOwnedBy } from "../../db/queries/teams.js";
import { findUserById } from "../../db/queries/users.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { assertKeepsAnAdmin } from "../../domain/permissions.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";

/**
 * Removes a person from the org: their membership, their team memberships and their sessions, at once.
 * Ending every session (not only this org's) is deliberate: a removal should leave no browser still
 * holding access, and the person simply signs in again for their other organizations.
 */
export async function removeMember(
  ctx: ServiceContext,
  input: { orgId: string; userId: string },
): Promise<void> {
  await inTransaction(ctx.db, (trx) => removeMemberIn(trx, ctx, input));
}

/** `removeMember` inside the caller's transaction (SCIM DELETE removes the SCIM user with it). */
export async function removeMemberIn(
  trx: Trx,
  ctx: ServiceContext,
  input: { orgId: string; userId: string },
): Promise<void> {
  await requireLockedOrg(trx, input.orgId);
  const member = await findMembership(trx, input.orgId, input.userId);
  if (!member)
    throw new AppError("NOT_FOUND", { message: "This person is not a member of the organization." });
  assertKeepsAnAdmin(await countMembersWithRole(trx, input.orgId, "admin"), member.role, null);
  const orphaned = await listTeamsSolelyOwnedBy(trx, input.orgId, input.userId);
  if (orphaned.length > 0) {
    throw new AppError("LAST_TEAM_OWNER", {
      message: `This person is the only owner of ${orphaned.map((t) => `“${t.name}”`).join(", ")}. Make someone else an owner of ${orphaned.length === 1 ? "that team" : "those teams"} first.`,
      details: { teamIds: orphaned.map((t) => t.id) },
    });
  }
  const user = await findUserById(trx, input.userId);
  await deleteTeamMembershipsOfUser(trx, input.orgId, input.userId);
  await deleteReferencesToUser(trx, input.orgId, input.userId);
  const revokedKeys = await revokePersonalKeysOf(
    trx,
    input.orgId,
    input.userId,
    nowIso(ctx),
    "owner left the organization",
  );
  await deleteMembership(trx, input.orgId, input.userId);
  const endedSessions = await deleteSessionsOfUser(trx, input.userId);
  await bumpAccessVersion(trx, input.orgId);
  await recordAuditEvent(trx, ctx, {
    orgId: input.orgId,
    action: "member.removed",
    target: { type: "member", id: input.userId },
    before: { email: user?.email, role: member.role, department: member.department },
    after: { endedSessions, revokedKeys },
  });
}
