import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  findMembersIn,
  findTeamsIn,
  listAssignments,
  replaceAssignments,
} from "../../db/queries/permission-sets.js";
import { inTransaction } from "../../db/transaction.js";
import { type AssignmentTarget, departmentKey } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type AssignmentsDetailView, loadAssignmentsDetail } from "./list-permission-set-assignments.js";
import { assignmentsView, requireSet } from "./permission-set-views.js";

export type AssignPermissionSetInput = {
  orgId: string;
  setId: string;
  /** Department labels, compared without case ("Marketing" is "marketing"). */
  departments: readonly string[];
  teamIds: readonly string[];
  userIds: readonly string[];
};

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * Replaces who a shared set applies to: departments, teams and people (admins). Teams and people must
 * be of the org; departments are free labels, so a set can be assigned to a department before anyone
 * is in it.
 */
export async function assignPermissionSet(
  ctx: ServiceContext,
  input: AssignPermissionSetInput,
): Promise<AssignmentsDetailView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const departments = unique(input.departments.map(departmentKey));
  if (departments.some((d) => d.length === 0 || d.length > 64)) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Each department must be a label of 1 to 64 characters, e.g. marketing.",
      details: { field: "departments" },
    });
  }
  const teamIds = unique(input.teamIds);
  const userIds = unique(input.userIds);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const set = await requireSet(trx, org.id, input.setId);
    if (set.kind === "personal") {
      throw new AppError("VALIDATION_FAILED", {
        message: "A personal permission set applies to its own person only. Assign a shared set instead.",
      });
    }
    const teams = await findTeamsIn(trx, org.id, teamIds);
    const missingTeams = teamIds.filter((id) => !teams.some((t) => t.id === id));
    if (missingTeams.length > 0) {
      throw new AppError("NOT_FOUND", {
        message: `No team ${missingTeams.join(", ")} in this organization. Check the team ids.`,
        details: { field: "teamIds", ids: missingTeams },
      });
    }
    const members = await findMembersIn(trx, org.id, userIds);
    const missingUsers = userIds.filter((id) => !members.some((m) => m.id === id));
    if (missingUsers.length > 0) {
      throw new AppError("NOT_FOUND", {
        message: `${missingUsers.join(", ")} ${missingUsers.length === 1 ? "is" : "are"} not a member of this organization. Check the user ids.`,
        details: { field: "userIds", ids: missingUsers },
      });
    }
    const before = assignmentsView(await listAssignments(trx, [set.id]));
    const targets: { type: AssignmentTarget; id: string }[] = [
      ...departments.map((id) => ({ type: "department" as const, id })),
      ...teamIds.map((id) => ({ type: "team" as const, id })),
      ...userIds.map((id) => ({ type: "user" as const, id })),
    ];
    await replaceAssignments(trx, org.id, set.id, targets, now);
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: targets.length === 0 ? "permission_set.unassigned" : "permission_set.assigned",
      target: { type: "permission_set", id: set.id },
      before,
      after: { departments, teamIds, userIds },
    });
    return loadAssignmentsDetail(trx, org.id, set.id);
  });
}
