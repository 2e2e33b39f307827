import { listMembershipsOfUser } from "../../db/queries/memberships.js";
import { listTeamsOfUserInAllOrgs } from "../../db/queries/teams.js";
import { findUserById } from "../../db/queries/users.js";
import { AppError } from "../../domain/errors.js";
import type { Plan } from "../../domain/plans.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import type { Deps } from "../context.js";
import type { UserView } from "../shared/views.js";

export type MeView = {
  user: UserView;
  memberships: {
    orgId: string;
    orgName: string;
    plan: Plan;
    role: OrgRole;
    department: string | null;
    teams: { teamId: string; name: string; role: TeamRole }[];
  }[];
};

export async function getMe(deps: Deps, userId: string): Promise<MeView> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED");
  const [memberships, teams] = await Promise.all([
    listMembershipsOfUser(deps.db, userId),
    listTeamsOfUserInAllOrgs(deps.db, userId),
  ]);
  return {
    user: { id: user.id, email: user.email, name: user.name },
    memberships: memberships.map((m) => ({
      orgId: m.org_id,
      orgName: m.org_name,
      plan: m.plan,
      role: m.role,
      department: m.department,
      teams: teams
        .filter((t) => t.org_id === m.org_id)
        .map((t) => ({ teamId: t.team_id, name: t.name, role: t.role })),
    })),
  };
}
