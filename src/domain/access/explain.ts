import { ORG_ROLE_LABELS } from "../roles.js";
import type { Via } from "./decision.js";
import { kindAndName, theTeam } from "./naming.js";
import { isProjectActive, type Policy, type Principal, type ProjectEntry } from "./policy.js";
import type { SpaceLevel } from "./policy-data.js";

/** The small pieces every decision uses to say who decided and why. */
export const ROLE_VIA: Record<string, Via> = {
  admin: { type: "role", role: "admin" },
  member: { type: "role", role: "member" },
  viewer: { type: "role", role: "viewer" },
};

/**
 * The team space through which `teamId` reaches something, at `level`; `reach: "resources"` when the
 * team's access to the space covers only the resources listed for it.
 */
export function teamSpaceVia(policy: Policy, spaceId: string, teamId: string, level: SpaceLevel): Via {
  const space = policy.teamSpaces.get(spaceId);
  return {
    type: "team_space",
    teamSpaceId: spaceId,
    teamSpaceName: space?.name ?? "",
    teamId,
    level,
    ...(space?.listed.has(teamId) && { reach: "resources" as const }),
  };
}

export function roleVia(principal: Principal): Via {
  return ROLE_VIA[principal.role] as Via;
}

export function subjectName(principal: Pick<Principal, "userId" | "role" | "name">): string {
  return principal.userId === null
    ? `The ${principal.name} team key`
    : ORG_ROLE_LABELS[principal.role] === "Viewer"
      ? "A viewer"
      : "This person";
}

export function setViaOf(policy: Policy, principal: Principal, setId: string, value?: string | number): Via {
  const set = policy.sets.get(setId);
  const source = principal.sets.find((s) => s.id === setId)?.source ?? { type: "user" as const };
  return {
    type: "permission_set",
    setId,
    key: set?.key ?? "",
    name: set?.name ?? "",
    from: source.type,
    ...(source.type === "department" && { department: source.department }),
    ...(source.type === "team" && { teamId: source.teamId }),
    ...(value !== undefined && { value }),
  };
}

export type ProjectVia = Extract<Via, { type: "project" }>;

/** A project as the grant that decided: its name and when the access it gives ends. */
export function projectVia(project: ProjectEntry): ProjectVia {
  return {
    type: "project",
    projectId: project.id,
    projectName: project.name,
    endsAt: new Date(project.endsAtMs).toISOString(),
  };
}

/**
 * The first of a resource's projects that is running now and has the principal as a member: the
 * project grant on that resource, or null.
 */
export function activeProjectVia(
  policy: Policy,
  principal: Principal,
  resourceProjectIds: readonly string[],
  nowMs: number,
): ProjectVia | null {
  const project = activeProject(policy, principal, resourceProjectIds, nowMs);
  return project === null ? null : projectVia(project);
}

/** The first of the resource's projects that is active and that the principal is in. */
export function activeProject(
  policy: Policy,
  principal: Principal,
  resourceProjectIds: readonly string[],
  nowMs: number,
): ProjectEntry | null {
  for (const projectId of resourceProjectIds) {
    const project = policy.projects.get(projectId);
    if (project && isProjectActive(project, nowMs) && isProjectMember(project, principal)) return project;
  }
  return null;
}

/**
 * Whether the principal is in the project: named, through one of their teams, or through their
 * department. The same as `principal.projectIds.includes(project.id)`, asked of the project, whose
 * few members stay in the CPU's cache.
 */
export function isProjectMember(project: ProjectEntry, principal: Principal): boolean {
  const { userIds, personIndexes, teamIds, departments } = project.members;
  if (userIds.size > 0 && principal.userId !== null) {
    const named =
      principal.personIndex >= 0 ? personIndexes.has(principal.personIndex) : userIds.has(principal.userId);
    if (named) return true;
  }
  for (let i = 0; i < teamIds.length; i++) if (principal.teamRoles.has(teamIds[i] as string)) return true;
  if (departments.length === 0) return false;
  const department = principal.department;
  return department !== null && departments.includes(department);
}

export function expiredProjectNote(
  policy: Policy,
  principal: Principal,
  projectIds: readonly string[],
  nowMs: number,
): string {
  for (const id of projectIds) {
    const project = policy.projects.get(id);
    if (project && nowMs < project.startsAtMs && isProjectMember(project, principal)) {
      return ` Access through ${kindAndName("project", project.name)} starts on ${new Date(project.startsAtMs).toISOString().slice(0, 10)}.`;
    }
    if (project && !isProjectActive(project, nowMs) && isProjectMember(project, principal)) {
      return ` Access through ${kindAndName("project", project.name)} ended on ${new Date(project.endedAtMs ?? project.endsAtMs).toISOString().slice(0, 10)}.`;
    }
  }
  return "";
}

export function describeVia(via: Via): string {
  switch (via.type) {
    case "owner":
      return "they own it";
    case "org_wide":
      return "it is available to the whole organization";
    case "share":
      // An integration's share is a data scope; an agent's, a level.
      return `shared with ${theTeam(via.teamName)} (${via.dataScope ? `data scope ${via.dataScope}` : via.level})`;
    case "team_space":
      return via.reach === "resources"
        ? `through ${kindAndName("team space", via.teamSpaceName)} (${via.level} access to the resources listed for the team)`
        : `through ${kindAndName("team space", via.teamSpaceName)} (${via.level} access)`;
    case "team_role":
      return `as ${via.role} of ${theTeam(via.teamName)}`;
    case "project":
      return `through ${kindAndName("project", via.projectName)} until ${via.endsAt.slice(0, 10)}`;
    case "permission_set":
      return `by permission set ${via.key}`;
    case "department":
      return `through the ${via.department} department`;
    case "role":
      return `by the ${ORG_ROLE_LABELS[via.role]} role`;
    case "api_key":
      return "by the API key";
  }
}
