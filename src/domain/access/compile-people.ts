import type { TeamRole } from "../roles.js";
import { mapUnder, push } from "./maps.js";
import { NO_TEAM_ROLES, PeopleIndex, type PersonEntry, type Profile } from "./people-index.js";
import { combineRules, type EffectiveRules } from "./permission-sets.js";
import { departmentKey, type PolicyData } from "./policy-data.js";
import type { Policy, Principal, SetSource } from "./policy-types.js";

// The people part of compilePolicy: who is in the org, in which teams with which role, and what sets
// and projects reach them, laid out for checks by PeopleIndex (see people-index.ts).

const USER_SOURCE: SetSource = Object.freeze({ type: "user" });
const NO_PROJECTS: readonly string[] = Object.freeze([]);

type SetEntry = Principal["sets"][number];
type SetGroup = { sets: Principal["sets"]; rules: EffectiveRules };

/** `list` with the ids of `more` it does not hold yet, in order; made only once there is one. */
function addNew(list: string[] | undefined, more: readonly string[] | undefined): string[] | undefined {
  if (more === undefined) return list;
  for (const id of more) {
    if (list === undefined) list = [id];
    else if (!list.includes(id)) list.push(id);
  }
  return list;
}

function sourceKey(source: SetSource, teamCodes: ReadonlyMap<string, string>): string {
  return source.type === "department"
    ? `d${source.department}`
    : source.type === "team"
      ? `t${teamCodes.get(source.teamId)}`
      : "u";
}

/**
 * The org's people as checks read them. Reads the permission-set assignments, project members and team
 * memberships, and fills in each team's `setIds` and `projectIds` on the way; the teams,
 * sets and projects themselves come made by compilePolicy.
 */
export function compilePeople(
  data: PolicyData,
  teams: Policy["teams"],
  sets: Policy["sets"],
  projects: Policy["projects"],
): PeopleIndex {
  const setsByDepartment = new Map<string, string[]>();
  const setsByUser = new Map<string, string[]>();
  for (const a of data.assignments) {
    if (!sets.has(a.setId)) continue;
    if (a.targetType === "department") push(setsByDepartment, departmentKey(a.targetId), a.setId);
    else if (a.targetType === "team") teams.get(a.targetId)?.setIds.push(a.setId);
    else push(setsByUser, a.targetId, a.setId);
  }

  const projectsByUser = new Map<string, string[]>();
  const projectsByDepartment = new Map<string, string[]>();
  for (const m of data.projectMembers) {
    const project = projects.get(m.projectId);
    if (project === undefined) continue;
    const projectId = project.id;
    if (m.memberType === "user") {
      push(projectsByUser, m.memberRef, projectId);
      project.members.userIds.add(m.memberRef);
    } else if (m.memberType === "team") {
      const team = teams.get(m.memberRef);
      team?.projectIds.push(projectId);
      if (team && !project.members.teamIds.includes(team.id)) project.members.teamIds.push(team.id);
    } else {
      const department = departmentKey(m.memberRef);
      push(projectsByDepartment, department, projectId);
      if (!project.members.departments.includes(department)) project.members.departments.push(department);
    }
  }

  // Short codes (positions, base 36) for teams and sets: the keys that tell which people
  // share the same memberships (below) are built from them, not from 36-character ids.
  const codes = <T extends { id: string }>(list: readonly T[]) =>
    new Map(list.map((item, i): [string, string] => [item.id, i.toString(36)]));
  const teamCodes = codes(data.teams);
  const setCodes = codes(data.permissionSets);

  const teamRolesByUser = new Map<string, Map<string, TeamRole>>();
  for (const tm of data.teamMembers) {
    const team = teams.get(tm.teamId);
    if (!team) continue;
    const roles = teamRolesByUser.get(tm.userId) ?? new Map<string, TeamRole>();
    teamRolesByUser.set(tm.userId, roles);
    // The team's own id string, not the row's copy: a million people then share 200 strings that stay
    // in the CPU's cache, and comparing them is comparing pointers.
    roles.set(team.id, tm.role);
  }
  // Each person's teams in the order of `data.teams` (the loader's: creation order), whatever order the
  // membership rows came in: where two teams grant alike, the engine names the first, the same one on
  // every build. Rows read from SQLite come in that order already (the covering index of 0016).
  const teamOrder = new Map(data.teams.map((t, i) => [t.id, i]));
  const byTeamOrder = (a: [string, TeamRole], b: [string, TeamRole]) =>
    (teamOrder.get(a[0]) ?? 0) - (teamOrder.get(b[0]) ?? 0);
  for (const [userId, roles] of teamRolesByUser) {
    if (roles.size < 2) continue;
    let last = -1;
    for (const teamId of roles.keys()) {
      const order = teamOrder.get(teamId) ?? 0;
      if (order < last) {
        teamRolesByUser.set(userId, new Map([...roles].sort(byTeamOrder)));
        break;
      }
      last = order;
    }
  }

  // People with the same permission sets share one list and one combined rule set, made here: a check
  // then never allocates (or retains) rules for a person it meets for the first time, and a million
  // people hold a few hundred lists rather than a million. The sets that reach people through a
  // department or a team are made once for it, with the text that stands for them in a group's key.
  type Reach = { readonly sets: readonly SetEntry[]; readonly key: string };
  const reachOf = (ids: readonly string[], source: SetSource): Reach => ({
    sets: ids.map((id) => Object.freeze({ id, source })),
    key: ids.map((id) => `${setCodes.get(id)}${sourceKey(source, teamCodes)},`).join(""),
  });
  const departmentReach = new Map<string, Reach>();
  for (const [department, ids] of setsByDepartment)
    departmentReach.set(department, reachOf(ids, Object.freeze({ type: "department", department })));
  const teamReach = new Map<string, Reach>();
  for (const team of teams.values())
    if (team.setIds.length > 0)
      teamReach.set(team.id, reachOf(team.setIds, Object.freeze({ type: "team", teamId: team.id })));

  const setGroups = new Map<string, SetGroup>();
  const groupOf = (key: string, reaches: readonly Reach[]): SetGroup => {
    let group = setGroups.get(key);
    if (group === undefined) {
      const personSets = reaches.flatMap((reach) => reach.sets);
      const applicable = personSets.flatMap(({ id }) => sets.get(id) ?? []);
      group = { sets: Object.freeze(personSets), rules: combineRules(applicable) };
      setGroups.set(key, group);
    }
    return group;
  };
  // People alike in role, department, sets and projects share one profile (see people-index.ts),
  // found by those four in turn: the group and the project list are shared objects already.
  const projectCodes = codes(data.projects);
  const projectLists = new Map<string, readonly string[]>();
  const listOf = (projectIds: readonly string[] | undefined): readonly string[] => {
    if (projectIds === undefined) return NO_PROJECTS;
    let key = "";
    for (const id of projectIds) key += `${projectCodes.get(id)},`;
    let list = projectLists.get(key);
    if (list === undefined) {
      list = Object.freeze(projectIds);
      projectLists.set(key, list);
    }
    return list;
  };
  const profiles = new Map<SetGroup, Map<readonly string[], Map<string, Map<string | null, Profile>>>>();
  const profileOf = (
    role: Principal["role"],
    department: string | null,
    group: SetGroup,
    projectIds: readonly string[],
  ): Profile => {
    const byDepartment = mapUnder(mapUnder(mapUnder(profiles, group), projectIds), role);
    let profile = byDepartment.get(department);
    if (profile === undefined) {
      profile = Object.freeze({ role, department, sets: group.sets, projectIds, rules: group.rules });
      byDepartment.set(department, profile);
    }
    return profile;
  };

  const entries: PersonEntry[] = [];
  const reaches: Reach[] = [];
  for (const m of data.members) {
    const department = m.department === null ? null : departmentKey(m.department);
    // People in one team with one role share a map (PeopleIndex keeps the first it is given).
    const teamRoles = teamRolesByUser.get(m.userId) ?? NO_TEAM_ROLES;
    // The sets in the order they always had: the department's, each team's, the person's own.
    reaches.length = 0;
    let projectIds = projectsByUser.size === 0 ? undefined : addNew(undefined, projectsByUser.get(m.userId));
    if (department !== null) {
      const reach = departmentReach.get(department);
      if (reach !== undefined) reaches.push(reach);
      projectIds = addNew(projectIds, projectsByDepartment.get(department));
    }
    for (const teamId of teamRoles.keys()) {
      const reach = teamReach.get(teamId);
      if (reach !== undefined) reaches.push(reach);
      projectIds = addNew(projectIds, teams.get(teamId)?.projectIds);
    }
    const own = setsByUser.size === 0 ? undefined : setsByUser.get(m.userId);
    if (own !== undefined) reaches.push(reachOf(own, USER_SOURCE));
    let key = "";
    for (const reach of reaches) key += reach.key;
    entries.push({
      userId: m.userId,
      name: m.name,
      profile: profileOf(m.role, department, groupOf(key, reaches), listOf(projectIds)),
      teamRoles,
    });
  }
  const people = new PeopleIndex([...teams.keys()], entries);
  for (const project of projects.values()) {
    for (const userId of project.members.userIds) {
      const index = people.indexOf(userId);
      if (index >= 0) project.members.personIndexes.add(index);
    }
  }
  return people;
}
