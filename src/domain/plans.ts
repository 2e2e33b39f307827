import type { TeamRole } from "./roles.js";

export const PLANS = ["free", "team", "business", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export type PlanRules = {
  label: string;
  /** Free accounts are solo: the invite functionality is disabled. */
  canInvite: boolean;
  /** Team plan: every user is in the single auto-created team. Business and up: many teams. */
  hasMultipleTeams: boolean;
  /** Team-level roles (Member, Admin, Owner) exist on Business and Enterprise only. */
  hasTeamRoles: boolean;
  /** Helper text the Users page shows, word for word from the auxot seed. */
  usersPageHelp: string;
};

export const PLAN_RULES: Record<Plan, PlanRules> = {
  free: {
    label: "Free",
    canInvite: false,
    hasMultipleTeams: false,
    hasTeamRoles: false,
    usersPageHelp:
      "On the Free plan, this workspace is limited to one user on one team. Upgrade when you are ready to invite others.",
  },
  team: {
    label: "Team",
    canInvite: true,
    hasMultipleTeams: false,
    hasTeamRoles: false,
    usersPageHelp: "On a Team plan, you can invite teammates and manage roles in your workspace team.",
  },
  business: {
    label: "Business",
    canInvite: true,
    hasMultipleTeams: true,
    hasTeamRoles: true,
    usersPageHelp:
      "On a Business plan, you can invite teammates, assign them to teams, and choose organization-wide or team roles for each person.",
  },
  enterprise: {
    label: "Enterprise",
    canInvite: true,
    hasMultipleTeams: true,
    hasTeamRoles: true,
    // The seed shows the Business sentence on Enterprise too; it is the product's own text.
    usersPageHelp:
      "On a Business plan, you can invite teammates, assign them to teams, and choose organization-wide or team roles for each person.",
  },
};

/** Name of the team every organization starts with; single-team plans use it for everyone. */
export const DEFAULT_TEAM_NAME = "General";

/** Team role a person gets when the plan has no team roles or the inviter picked none. */
export const DEFAULT_TEAM_ROLE: TeamRole = "member";

export type SeatLimits = Record<Plan, number | null>;

export type SeatUsage = { limit: number | null; used: number; pending: number };

/** Seats count members plus pending invitations; null means unlimited. */
export function hasFreeSeat(usage: SeatUsage, needed = 1): boolean {
  return usage.limit === null || usage.used + usage.pending + needed <= usage.limit;
}

export function isPlan(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}
