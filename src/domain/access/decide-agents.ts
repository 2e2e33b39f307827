import type { Action } from "./catalog.js";
import { allow, type Decision, deny, keep, type Via } from "./decision.js";
import {
  activeProject,
  describeVia,
  expiredProjectNote,
  projectVia,
  ROLE_VIA,
  subjectName,
  teamSpaceVia,
} from "./explain.js";
import type { AgentAnswers, AgentEntry, HeldGrant, Policy, Principal } from "./policy.js";
import type { ShareLevel } from "./policy-data.js";

/** Agents: owners, team agents, shares (full / run_only / view_only), team spaces, org-wide agents, projects. */

const RANK: Record<ShareLevel, number> = { view_only: 0, run_only: 1, full: 2 };

/**
 * A grant and the decisions it makes. Decisions and their `via` are frozen: they are shared by every
 * check they answer (and kept in the decision memo), so a check that an agent's standing grants
 * decide allocates nothing.
 */
function heldGrant(level: ShareLevel, via: Via, expiresAt?: string): HeldGrant {
  Object.freeze(via);
  return {
    level,
    via,
    ...(expiresAt !== undefined && { expiresAt }),
    allowed: keep(allow(`Allowed: ${describeVia(via)}.`, [via], expiresAt)),
    tooLow: new Map(),
  };
}

const OWNER = heldGrant("full", { type: "owner" });
const ADMIN_ALLOWS = keep(
  allow("Allowed by the Admin role (create and manage all agents).", [ROLE_VIA.admin as Via]),
);

/** What every check of this agent shares: its teams' grants with their words, made on first use. */
function answersOf(policy: Policy, agent: AgentEntry): AgentAnswers {
  if (agent.answers !== undefined) return agent.answers;
  const byTeam = new Map<string, HeldGrant>();
  for (const [teamId, grant] of agent.teamGrants) {
    const teamName = policy.teams.get(teamId)?.name ?? "";
    let via: Via;
    if (grant.via === "team_space" && grant.spaceId) {
      via = teamSpaceVia(policy, grant.spaceId, teamId, grant.level === "view_only" ? "view" : "full");
    } else if (grant.via === "team") {
      // The agent's own team: its admins and owners hold it in full before grants are looked at,
      // so whoever reaches this grant is a plain member of the team.
      via = { type: "team_role", teamId, teamName, role: "member" };
    } else {
      via = { type: "share", teamId, teamName, level: grant.level };
    }
    byTeam.set(teamId, heldGrant(grant.level, via));
  }
  const noAccess = (principal: Pick<Principal, "userId" | "role" | "name">) =>
    keep(deny("NO_ACCESS", `${subjectName(principal)} has no access to the agent ${agent.name}.`));
  agent.answers = {
    byTeam,
    orgWide: agent.scope === "org" ? heldGrant("run_only", { type: "org_wide" }) : null,
    // With projects, "no access" may say when a project's access starts or ended: made per check.
    noAccess:
      agent.projectIds.length > 0
        ? null
        : {
            person: noAccess({ userId: "", role: "member", name: "" }),
            viewer: noAccess({ userId: "", role: "viewer", name: "" }),
          },
    byTeamRole: new Map(),
    byProject: new Map(),
  };
  return agent.answers;
}

/** Whether the principal owns the agent: two people in the people table compare by position. */
function isOwner(agent: AgentEntry, principal: Principal): boolean {
  if (agent.ownerIndex >= 0) return agent.ownerIndex === principal.personIndex;
  return agent.ownerId !== null && agent.ownerId === principal.userId;
}

/** The strongest grant a principal holds on an agent, and what it came from. */
function agentLevel(
  policy: Policy,
  principal: Principal,
  agent: AgentEntry,
  answers: AgentAnswers,
  nowMs: number,
): HeldGrant | null {
  if (isOwner(agent, principal)) return OWNER;
  if (agent.scope === "team" && agent.teamId !== null) {
    const role = principal.teamRoles.get(agent.teamId);
    if (role === "admin" || role === "owner") {
      let grant = answers.byTeamRole.get(role);
      if (grant === undefined) {
        const teamName = policy.teams.get(agent.teamId)?.name ?? "";
        grant = heldGrant("full", { type: "team_role", teamId: agent.teamId, teamName, role });
        answers.byTeamRole.set(role, grant);
      }
      return grant;
    }
  }
  // The first of the strongest: a later grant wins only with a higher level.
  let best: HeldGrant | null = null;
  if (answers.byTeam.size > 0) {
    for (const teamId of principal.teamRoles.keys()) {
      const grant = answers.byTeam.get(teamId);
      if (grant !== undefined && (best === null || RANK[grant.level] > RANK[best.level])) best = grant;
    }
  }
  if (answers.orgWide !== null && (best === null || RANK.run_only > RANK[best.level])) best = answers.orgWide;
  if (agent.projectIds.length > 0 && (best === null || RANK.run_only > RANK[best.level])) {
    const project = activeProject(policy, principal, agent.projectIds, nowMs);
    if (project !== null) {
      let grant = answers.byProject.get(project.id);
      if (grant === undefined) {
        const via = projectVia(project);
        grant = heldGrant("run_only", via, via.endsAt);
        answers.byProject.set(project.id, grant);
      }
      best = grant;
    }
  }
  return best;
}

/** What a level lets one do with an agent, for a refusal that says why it is not enough. */
const MAY: Record<ShareLevel, string> = {
  view_only: "may only view",
  run_only: "may view and run",
  full: "may do anything with",
};
const MAY_NOT: Record<ShareLevel, string> = { view_only: "", run_only: ", not change it", full: "" };

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
  if (principal.role === "admin") return ADMIN_ALLOWS;
  const needed = NEEDED_LEVEL[action] ?? "full";
  const answers = answersOf(policy, agent);
  const held = agentLevel(policy, principal, agent, answers, nowMs);
  if (held === null) {
    if (answers.noAccess !== null && principal.userId !== null)
      return principal.role === "viewer" ? answers.noAccess.viewer : answers.noAccess.person;
    return deny(
      "NO_ACCESS",
      `${subjectName(principal)} has no access to the agent ${agent.name}.${expiredProjectNote(policy, principal, agent.projectIds, nowMs)}`,
    );
  }
  if (RANK[held.level] < RANK[needed]) {
    // Kept per action, and apart for team API keys (which act as their team, not as a person).
    const isTeam = principal.userId === null;
    const cacheKey = isTeam ? `team:${action}` : action;
    let denied = held.tooLow.get(cacheKey);
    if (denied === undefined) {
      const grant = held.allowed.via.map(describeVia).join(", ");
      denied = keep(
        deny(
          "NO_ACCESS",
          `${isTeam ? "This team" : "This person"} ${MAY[held.level]} the agent ${agent.name}${MAY_NOT[held.level]}: ${grant}. ${action} needs ${needed}.`,
          held.allowed.via,
        ),
      );
      held.tooLow.set(cacheKey, denied);
    }
    return denied;
  }
  return held.allowed;
}
