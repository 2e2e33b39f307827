import { ORG_ROLE_LABELS } from "../roles.js";
import type { Action } from "./catalog.js";
import { decideTeamSpace } from "./decide-spaces.js";
import { allow, type Decision, deny, type Via } from "./decision.js";
import type { CheckContext } from "./evaluate.js";
import { roleVia, setViaOf } from "./explain.js";
import { type Policy, type Principal, rulesOf, type TeamSpaceEntry } from "./policy.js";
import { formatSize } from "./sizes.js";

/**
 * Actions on the org itself, past the role check: creating agents and context files (personal, team or
 * org-wide; `agent_creation` of the person's permission sets) and uploading files (the upload limit,
 * in a team space or anywhere).
 */
export function decideOrgAction(
  policy: Policy,
  principal: Principal,
  action: Action,
  context: CheckContext,
): Decision {
  const via = [roleVia(principal)];
  const role = ORG_ROLE_LABELS[principal.role];
  if (action === "files:upload") return decideUpload(policy, principal, context, null);
  if (action === "agents:create" || action === "context-files:create") {
    const scope = context.scope ?? "personal";
    const noun = action === "agents:create" ? "agents" : "context files";
    if (scope === "org" && principal.role !== "admin") {
      return deny("ROLE", `Only admins create org-wide ${noun}; create a personal or team one instead.`, via);
    }
    if (scope === "team" && principal.role !== "admin") {
      const teamRole = context.teamId === undefined ? undefined : principal.teamRoles.get(context.teamId);
      if (teamRole !== "admin" && teamRole !== "owner") {
        return deny(
          "TEAM_ROLE_REQUIRED",
          context.teamId === undefined
            ? `Creating team ${noun} needs context.teamId.`
            : `Creating team ${noun} needs the team admin or owner role in that team.`,
          via,
        );
      }
      const team = policy.teams.get(context.teamId as string);
      via.push({
        type: "team_role",
        teamId: context.teamId as string,
        teamName: team?.name ?? "",
        role: teamRole,
      });
    }
    // agent_creation governs a person's own agents; team agents are their team admins' to make.
    if (action === "agents:create" && scope === "personal" && principal.role !== "admin") {
      return decideAgentCreation(policy, principal, via);
    }
    return allow(`Allowed by the ${role} role.`, via);
  }
  return allow(`Allowed by the ${role} role.`, via);
}

/** `agent_creation` of the person's permission sets: true, false or "admin_approval". */
function decideAgentCreation(policy: Policy, principal: Principal, via: Via[]): Decision {
  const rules = rulesOf(policy, principal);
  if (rules.agentCreation === null)
    return allow(`Allowed by the ${ORG_ROLE_LABELS[principal.role]} role.`, via);
  const setVia = setViaOf(policy, principal, rules.agentCreation.setId, rules.agentCreation.mode);
  const setName = policy.sets.get(rules.agentCreation.setId)?.key ?? "";
  if (rules.agentCreation.mode === "allow")
    return allow(`Allowed by permission set ${setName}.`, [...via, setVia]);
  if (rules.agentCreation.mode === "approval") {
    return deny(
      "APPROVAL_REQUIRED",
      `Permission set ${setName} needs an admin's approval to create agents: file an agent-creation request.`,
      [setVia],
    );
  }
  return deny("CREATION_DISABLED", `Permission set ${setName} does not allow creating agents.`, [setVia]);
}

export function decideUpload(
  policy: Policy,
  principal: Principal,
  context: CheckContext,
  space: TeamSpaceEntry | null,
): Decision {
  const via: Via[] = [];
  if (space !== null) {
    const spaceDecision = decideTeamSpace(principal, "team-spaces:join", space);
    if (!spaceDecision.allowed) return spaceDecision;
    via.push(...spaceDecision.via);
  } else {
    via.push(roleVia(principal));
  }
  const rules = principal.role === "admin" ? null : rulesOf(policy, principal);
  const limit = rules?.fileUploadLimit ?? null;
  const limitBytes = limit?.bytes ?? (principal.role === "admin" ? null : policy.defaultUploadLimitBytes);
  if (limit) via.push(setViaOf(policy, principal, limit.setId, limit.bytes));
  if (context.sizeBytes !== undefined && limitBytes !== null && context.sizeBytes > limitBytes) {
    const source = limit ? `permission set ${policy.sets.get(limit.setId)?.key}` : "the organization";
    return deny(
      "UPLOAD_TOO_LARGE",
      `${formatSize(context.sizeBytes)} is over the ${formatSize(limitBytes)} upload limit set by ${source}.`,
      via,
    );
  }
  return allow(
    limitBytes === null
      ? "Allowed: no upload limit applies."
      : `Allowed: within the ${formatSize(limitBytes)} upload limit.`,
    via,
  );
}
