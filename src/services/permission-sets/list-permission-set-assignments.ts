import type { Executor } from "../../db/client.js";
import { findMembersIn, findTeamsIn, listAssignments } from "../../db/queries/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import { can } from "../../domain/permissions.js";
import type { ServiceContext } from "../context.js";
import { assignmentsView, requireReadableSet } from "./permission-set-views.js";

export type AssignmentsDetailView = {
  setId: string;
  departments: string[];
  teams: { id: string; name: string }[];
  users: { id: string; name: string }[];
};

export async function loadAssignmentsDetail(
  db: Executor,
  orgId: string,
  setId: string,
): Promise<AssignmentsDetailView> {
  const { departments, teamIds, userIds } = assignmentsView(await listAssignments(db, [setId]));
  const [teams, users] = await Promise.all([
    findTeamsIn(db, orgId, teamIds),
    findMembersIn(db, orgId, userIds),
  ]);
  const byId = <T extends { id: string }>(rows: T[], ids: string[]) =>
    ids.flatMap((id) => rows.filter((r) => r.id === id));
  return {
    setId,
    departments,
    teams: byId(teams, teamIds).map((t) => ({ id: t.id, name: t.name })),
    users: byId(users, userIds).map((u) => ({ id: u.id, name: u.name })),
  };
}

/**
 * Who a set applies to, by name. Naming people is part of the member directory, which viewers do not
 * see (their org role holds org:read only), so they are refused here as on the members list.
 */
export async function listPermissionSetAssignments(
  ctx: ServiceContext,
  input: { orgId: string; setId: string },
): Promise<AssignmentsDetailView> {
  if (ctx.access !== null && !can(ctx.access, "members:read")) {
    throw new AppError("FORBIDDEN", {
      message: "Viewers do not see who permission sets are assigned to. Ask an admin.",
    });
  }
  const row = await requireReadableSet(ctx, ctx.db, input.orgId, input.setId);
  return loadAssignmentsDetail(ctx.db, input.orgId, row.id);
}
