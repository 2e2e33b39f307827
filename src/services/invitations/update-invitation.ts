import { updateInvitationIfStatus } from "../../db/queries/invitations.js";
import { inTransaction } from "../../db/transaction.js";
import { assertCanGrantOrgRole } from "../../domain/permissions.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { actorOrgRole, requireOrg } from "../shared/require.js";
import { type InvitationView, invitationSnapshot } from "../shared/views.js";
import { resolveInvitationTeam } from "./invitation-rules.js";
import { concurrentChange, loadInvitationView, requireInvitationFor } from "./require-invitation.js";

export type UpdateInvitationInput = {
  orgId: string;
  invitationId: string;
  role?: OrgRole;
  teamId?: string | null;
  teamRole?: TeamRole | null;
  department?: string | null;
};

/** "You picked the wrong role": a pending invitation's role, team and department can change before acceptance. */
export async function updateInvitation(
  ctx: ServiceContext,
  input: UpdateInvitationInput,
): Promise<InvitationView> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireOrg(trx, input.orgId);
    const { row } = await requireInvitationFor(trx, org.id, input.invitationId, "edit", now);
    const role = input.role ?? row.role;
    if (role !== row.role) assertCanGrantOrgRole(actorOrgRole(ctx), role);
    const teamChoice = {
      teamId: input.teamId === undefined ? row.team_id : input.teamId,
      teamRole:
        input.teamRole === undefined ? (input.teamId === null ? null : row.team_role) : input.teamRole,
    };
    const team = await resolveInvitationTeam(trx, org, teamChoice);
    const updated = {
      ...row,
      role,
      team_id: team.teamId,
      team_role: team.teamRole,
      department: input.department === undefined ? row.department : input.department,
      updated_at: now.toISOString(),
    };
    const changes = {
      role: updated.role,
      team_id: updated.team_id,
      team_role: updated.team_role,
      department: updated.department,
      updated_at: updated.updated_at,
    };
    if (!(await updateInvitationIfStatus(trx, row.id, row.status, changes))) throw concurrentChange();
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.updated",
      target: { type: "invitation", id: row.id },
      before: invitationSnapshot(row),
      after: invitationSnapshot(updated),
    });
    return loadInvitationView(trx, org.id, row.id, now);
  });
}
