import type { Action } from "./catalog.js";
import { allow, type Decision, deny, type Via } from "./decision.js";
import { activeProjectVia, describeVia, expiredProjectNote, roleVia, subjectName } from "./explain.js";
import { type AgentEntry, levelAtLeast, type Policy, type Principal, type TeamGrant } from "./policy.js";
import type { ShareLevel } from "./policy-data.js";

/** Agents: owners, team agents, shares (full / run_only / view_only), team spaces, org-wide agents, projects. */
/** The strongest grant a principal holds on an agent, and what it came from. */
function agentLevel(
  policy: Policy,
  principal: Principal,
  agent: AgentEntry,
  nowMs: number,
): { level: ShareLevel; via: Via; expiresAt?: string } | null {
  if (agent.ownerId !== null && agent.ownerId === principal.userId)
    return { level: "full", via: { type: "owner" } };
  let best: { level: ShareLevel; via: Via; expiresAt?: string } | null = null;
  const consider = (level: ShareLevel, via: Via, expiresAt?: string) => {
    if (best === null || (levelAtLeast(level, best.level) && level !== best.level))
      best = { level, via, ...(expiresAt && { expiresAt }) };
  };
  if (agent.scope === "team" && agent.teamId !== null) {
    const role = principal.teamRoles.get(agent.teamId);
    if (role === "admin" || role === "owner") {
      return {
        level: "full",
        via: {
          type: "team_role",
          teamId: agent.teamId,
          teamName: policy.teams.get(agent.teamId)?.name ?? "",
          role,
        },
      };
    }
  }
  for (const teamId of principal.teamRoles.keys()) {
    const grant: TeamGrant | undefined = agent.teamGrants.get(teamId);
    if (grant === undefined) continue;
    const teamName = policy.teams.get(teamId)?.name ?? "";
    if (grant.via === "team_space" && grant.spaceId) {
      const space = policy.teamSpaces.get(grant.spaceId);
      consider(grant.level, {
        type: "team_space",
        teamSpaceId: grant.spaceId,
        teamSpaceName: space?.name ?? "",
        teamId,
        level: grant.level === "view_only" ? "view" : "full",
      });
    } else if (grant.via === "team") {
      consider(grant.level, {
        type: "team_role",
        teamId,
        teamName,
        role: principal.teamRoles.get(teamId) ?? "member",
      });
    } else {
      consider(grant.level, { type: "share", teamId, teamName, level: grant.level });
    }
  }
  if (agent.scope === "org") consider("run_only", { type: "org_wide" });
  const projectGrant = activeProjectVia(policy, principal, agent.projectIds, nowMs);
  if (projectGrant) consider("run_only", projectGrant, projectGrant.endsAt);
  return best;
}

const NEEDED_LEVEL: Partial<Record<Action, ShareLevel>> = {
  "agents:view": "view_only",
  "agents:run": "run_only",
  "agents:edit": "full",
  "agents:delete": "full",
  "agents:share": "full",
};

export function decideAgent(
  policy: Policy,
  principal: Principal,
  action: Action,
  agent: AgentEntry,
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (create and manage all agents).", [roleVia(principal)]);
  const needed = NEEDED_LEVEL[action] ?? "full";
  const held = agentLevel(policy, principal, agent, nowMs);
  if (held === null) {
    return deny(
      "NO_ACCESS",
      `${subjectName(principal)} has no access to the agent ${agent.name}.${expiredProjectNote(policy, principal, agent.projectIds, nowMs)}`,
    );
  }
  if (!levelAtLeast(held.level, needed)) {
    return deny(
      "NO_ACCESS",
      `The agent ${agent.name} is shared ${held.level} with this person; ${action} needs ${needed}.`,
      [held.via],
    );
  }
  return allow(`Allowed: ${describeVia(held.via)}.`, [held.via], held.expiresAt);
}
