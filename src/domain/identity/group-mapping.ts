import { compareOrgRoles, compareTeamRoles, type OrgRole, type TeamRole } from "../roles.js";

/**
 * Directory groups -> access. One mapping per org serves both SSO (the groups claim at each sign-in)
 * and SCIM (group memberships pushed by the directory). The seed: "Map roles from SSO groups",
 * "Inherit department structure".
 *
 * Rules of combination, applied the same way everywhere:
 * - Org role: the highest role any of the person's groups maps to. No group with a role: the role is
 *   not the directory's to decide and stays as it is (a new person gets the connection's default).
 * - Teams: a team named by any rule is *directory-managed*: membership in it follows the groups (added
 *   with the highest team role among matching rules, changed, or removed when no group maps to it any
 *   more). Teams no rule names are left alone, so admins can still manage those by hand.
 * - Department: the first matching rule (in the mapping's order) that sets one; no such rule leaves the
 *   department to other sources (SCIM's enterprise `department`, or the admin).
 * - Safety: the directory never removes a team's last owner or demotes the org's last admin; such a
 *   change is held back and reported, and the rest applies.
 * Group names match case-insensitively and ignoring surrounding spaces (Okta and Entra send display
 * names; Entra may also send object ids, which are matched the same way).
 */

export type GroupMappingRule = {
  group: string;
  role: OrgRole | null;
  teamId: string | null;
  teamRole: TeamRole | null;
  department: string | null;
};

export type CurrentAccess = {
  role: OrgRole;
  department: string | null;
  teams: ReadonlyMap<string, TeamRole>;
};

export type TeamChange =
  | { kind: "add"; teamId: string; role: TeamRole }
  | { kind: "update"; teamId: string; from: TeamRole; role: TeamRole }
  | { kind: "remove"; teamId: string; from: TeamRole };

export type DirectoryPlan = {
  /** The new org role, or null when it does not change. */
  role: OrgRole | null;
  /** The new department, or undefined when the mapping does not set one. */
  department: string | undefined;
  teams: TeamChange[];
  /** Groups that matched at least one rule, for the audit record and the preview. */
  matchedGroups: string[];
};

export function groupKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The rules that apply to a person in `groups`, in mapping order. */
export function matchingRules(
  rules: readonly GroupMappingRule[],
  groups: readonly string[],
): GroupMappingRule[] {
  const keys = new Set(groups.map(groupKey));
  return rules.filter((rule) => keys.has(groupKey(rule.group)));
}

/** What the directory wants for a person: role, managed teams and department. */
export function desiredAccess(rules: readonly GroupMappingRule[], groups: readonly string[]) {
  const matched = matchingRules(rules, groups);
  let role: OrgRole | null = null;
  let department: string | undefined;
  const teams = new Map<string, TeamRole>();
  for (const rule of matched) {
    if (rule.role && (role === null || compareOrgRoles(rule.role, role) > 0)) role = rule.role;
    if (department === undefined && rule.department) department = rule.department;
    if (rule.teamId) {
      const teamRole = rule.teamRole ?? "member";
      const held = teams.get(rule.teamId);
      if (!held || compareTeamRoles(teamRole, held) > 0) teams.set(rule.teamId, teamRole);
    }
  }
  return { role, department, teams, matchedGroups: [...new Set(matched.map((r) => r.group))] };
}

/** Teams any rule names: their membership belongs to the directory. */
export function managedTeams(rules: readonly GroupMappingRule[]): Set<string> {
  return new Set(rules.flatMap((rule) => (rule.teamId ? [rule.teamId] : [])));
}

/** The changes that bring `current` to what the mapping wants for someone in `groups`. */
export function planDirectoryAccess(
  rules: readonly GroupMappingRule[],
  groups: readonly string[],
  current: CurrentAccess,
): DirectoryPlan {
  const desired = desiredAccess(rules, groups);
  const teams: TeamChange[] = [];
  for (const [teamId, role] of desired.teams) {
    const held = current.teams.get(teamId);
    if (!held) teams.push({ kind: "add", teamId, role });
    else if (held !== role) teams.push({ kind: "update", teamId, from: held, role });
  }
  for (const teamId of managedTeams(rules)) {
    const held = current.teams.get(teamId);
    if (held && !desired.teams.has(teamId)) teams.push({ kind: "remove", teamId, from: held });
  }
  return {
    role: desired.role && desired.role !== current.role ? desired.role : null,
    department:
      desired.department !== undefined && desired.department !== current.department
        ? desired.department
        : undefined,
    teams,
    matchedGroups: desired.matchedGroups,
  };
}

export function isEmptyPlan(plan: DirectoryPlan): boolean {
  return plan.role === null && plan.department === undefined && plan.teams.length === 0;
}

/** Checks a mapping an admin submits; returns the problems in words, empty when it is fine. */
export function mappingProblems(rules: readonly GroupMappingRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const where = `Rule ${index + 1} (${rule.group.trim() || "no group"})`;
    if (groupKey(rule.group) === "") problems.push(`${where}: name the directory group.`);
    const key = `${groupKey(rule.group)}\u0000${rule.teamId ?? ""}`;
    if (seen.has(key))
      problems.push(`${where}: this group already has a rule for the same team; merge the two.`);
    seen.add(key);
    if (rule.teamRole && !rule.teamId) problems.push(`${where}: a team role needs a team.`);
    else if (!rule.role && !rule.teamId && !rule.department) {
      problems.push(`${where}: give it an org role, a team or a department, or remove it.`);
    }
  });
  return problems;
}
