import type { Executor } from "../../db/client.js";
import { listDirectoryMembers } from "../../db/queries/directory-groups.js";
import { listTeamRolesInOrg, listTeams } from "../../db/queries/teams.js";
import {
  type GroupMappingRule,
  isEmptyPlan,
  planDirectoryAccess,
} from "../../domain/identity/group-mapping.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";

export type MemberMappingChange = {
  userId: string;
  name: string;
  email: string;
  groups: string[];
  role: { from: OrgRole; to: OrgRole } | null;
  department: { from: string | null; to: string } | null;
  teams: Array<{ teamId: string; teamName: string; from: TeamRole | null; to: TeamRole | null }>;
};

/**
 * Who gains and who loses what if `rules` were the mapping: every member the directory knows groups
 * of, compared with their access now. Members whose access would not change are left out.
 */
export async function previewMappingChanges(
  db: Executor,
  orgId: string,
  rules: readonly GroupMappingRule[],
): Promise<{ members: MemberMappingChange[]; membersChecked: number }> {
  const [members, teams, teamRoles] = await Promise.all([
    listDirectoryMembers(db, orgId),
    listTeams(db, orgId),
    listTeamRolesInOrg(db, orgId),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  // One read of the org's team memberships, not one per member.
  const teamsOf = new Map<string, Map<string, TeamRole>>();
  for (const row of teamRoles) {
    const held = teamsOf.get(row.user_id) ?? new Map<string, TeamRole>();
    held.set(row.team_id, row.role);
    teamsOf.set(row.user_id, held);
  }
  const changes: MemberMappingChange[] = [];
  for (const member of members) {
    const plan = planDirectoryAccess(rules, member.groups, {
      role: member.role,
      department: member.department,
      teams: teamsOf.get(member.userId) ?? new Map(),
    });
    if (isEmptyPlan(plan)) continue;
    changes.push({
      userId: member.userId,
      name: member.name,
      email: member.email,
      groups: member.groups,
      role: plan.role ? { from: member.role, to: plan.role } : null,
      department: plan.department !== undefined ? { from: member.department, to: plan.department } : null,
      teams: plan.teams.map((change) => ({
        teamId: change.teamId,
        teamName: teamNames.get(change.teamId) ?? change.teamId,
        from: change.kind === "add" ? null : change.from,
        to: change.kind === "remove" ? null : change.role,
      })),
    });
  }
  return { members: changes, membersChecked: members.length };
}
