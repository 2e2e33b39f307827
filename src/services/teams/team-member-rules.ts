import type { OrgRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import { PLAN_RULES } from "../../domain/plans.js";
import type { TeamRole } from "../../domain/roles.js";
import type { ServiceContext } from "../context.js";

/** The actor as the pure team-membership rules see them. */
export function teamActor(ctx: ServiceContext, teamId: string) {
  if (ctx.access === null) return { orgRole: "system" as const, teamRole: null };
  return { orgRole: ctx.access.role, teamRole: ctx.access.teamRoles.get(teamId) ?? null };
}

/** Team roles (and so managing who is in which team) exist on Business and Enterprise only. */
export function assertPlanHasTeamRoles(org: OrgRow, role?: TeamRole): void {
  if (!PLAN_RULES[org.plan].hasTeamRoles) {
    throw new AppError("PLAN_LIMIT", {
      message: `Team roles${role ? ` such as ${role}` : ""} require Business or Enterprise. On the ${PLAN_RULES[org.plan].label} plan, every user is in the single auto-created team.`,
    });
  }
}
