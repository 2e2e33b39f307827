import type { Action } from "./catalog.js";
import { allow, type Decision, deny, type Via } from "./decision.js";
import type { ExternalAttributes } from "./evaluate.js";
import {
  activeProject,
  describeVia,
  expiredProjectNote,
  projectVia,
  roleVia,
  subjectName,
  teamSpaceVia,
} from "./explain.js";
import { kindAndName } from "./naming.js";
import type { ExternalKind, Policy, Principal, TeamSpaceEntry } from "./policy.js";
import { spaceResourceRef } from "./policy-data.js";

/** Team spaces (full / view / none per team) and the AI product's own conversations and files. */
export function decideTeamSpace(principal: Principal, action: Action, space: TeamSpaceEntry): Decision {
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  let best: { teamId: string; level: "view" | "full" } | null = null;
  for (const [teamId] of principal.teamRoles) {
    const level = space.access.get(teamId);
    if (level === "full") {
      best = { teamId, level };
      break;
    }
    if (level === "view" && best === null) best = { teamId, level };
  }
  const needsFull = action !== "team-spaces:view";
  if (best === null || (needsFull && best.level !== "full")) {
    const listed = best === null && [...principal.teamRoles.keys()].some((t) => space.listed.has(t));
    return deny(
      "NO_ACCESS",
      `${subjectName(principal)} has ${best ? "view access only to" : listed ? "access only to some resources of" : "no access to"} the ${kindAndName("team space", space.name)}.`,
    );
  }
  const via: Via = {
    type: "team_space",
    teamSpaceId: space.id,
    teamSpaceName: space.name,
    teamId: best.teamId,
    level: best.level,
  };
  return allow(`Allowed: ${describeVia(via)}.`, [via]);
}

/** The AI product's conversations and files, decided from the attributes sent with the check. */
export function decideExternal(
  policy: Policy,
  principal: Principal,
  action: Action,
  resource: { type: ExternalKind; id: string | null; attributes: ExternalAttributes },
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (access all conversations and files).", [roleVia(principal)]);
  const a = resource.attributes;
  const writes =
    action === "conversations:participate" || action === "comments:create" || action === "files:analyze";
  if (a.ownerId !== undefined && a.ownerId === principal.userId)
    return allow("Allowed: they own it.", [{ type: "owner" }]);
  if (principal.userId !== null && a.sharedWithUserIds?.includes(principal.userId)) {
    return allow("Allowed: it is shared with them.", [{ type: "owner" }]);
  }
  for (const teamId of a.sharedWithTeamIds ?? []) {
    if (principal.teamRoles.has(teamId)) {
      const via: Via = {
        type: "share",
        teamId,
        teamName: policy.teams.get(teamId)?.name ?? "",
        level: writes ? "run_only" : "view_only",
      };
      return allow(`Allowed: ${describeVia(via)}.`, [via]);
    }
  }
  const spaceIds = [
    ...(a.teamSpaceId ? [a.teamSpaceId] : []),
    ...((resource.id && policy.externalInSpaces.get(resource.id)) || []),
  ];
  for (const spaceId of spaceIds) {
    const space = policy.teamSpaces.get(spaceId);
    if (!space) continue;
    const decision = decideTeamSpace(principal, writes ? "team-spaces:join" : "team-spaces:view", space);
    if (decision.allowed) return decision;
  }
  // Teams that reach only some resources of a space: this one, when it is listed for them.
  if (resource.id !== null) {
    const ref = spaceResourceRef(resource.type, resource.id);
    for (const spaceId of policy.externalInSpaces.get(resource.id) ?? []) {
      for (const [teamId, listed] of policy.teamSpaces.get(spaceId)?.listed ?? []) {
        const enough = listed.level === "full" || (listed.level === "view" && !writes);
        if (enough && principal.teamRoles.has(teamId) && listed.resources.has(ref)) {
          const via = teamSpaceVia(policy, spaceId, teamId, listed.level);
          return allow(`Allowed: ${describeVia(via)}.`, [via]);
        }
      }
    }
  }
  // The file's projects, asked whether the person is in them (not the person's list of projects).
  const projectIds =
    (resource.type === "file" && resource.id !== null && policy.filesInProjects.get(resource.id)) || [];
  const project = activeProject(policy, principal, projectIds, nowMs);
  if (project !== null) {
    const via = projectVia(project);
    return allow(`Allowed: ${describeVia(via)}.`, [via], via.endsAt);
  }
  return deny(
    "NO_ACCESS",
    `This ${resource.type} is not shared with ${principal.userId === null ? "the team" : "this person"}.${expiredProjectNote(policy, principal, projectIds, nowMs)}`,
  );
}
