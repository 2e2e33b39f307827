import type { Executor } from "../../db/client.js";
import { findOrgById, lockOrg } from "../../db/queries/orgs.js";
import { findTeam } from "../../db/queries/teams.js";
import type { OrgRow, TeamRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import { PLAN_RULES } from "../../domain/plans.js";
import type { OrgRole } from "../../domain/roles.js";
import type { ServiceContext } from "../context.js";

export async function requireOrg(db: Executor, orgId: string): Promise<OrgRow> {
  const org = await findOrgById(db, orgId);
  if (!org) throw new AppError("NOT_FOUND");
  return org;
}

/** The org, with its row lock held for the rest of the transaction (see `lockOrg`). */
export async function requireLockedOrg(db: Executor, orgId: string): Promise<OrgRow> {
  const org = await lockOrg(db, orgId);
  if (!org) throw new AppError("NOT_FOUND");
  return org;
}

export async function requireTeam(db: Executor, orgId: string, teamId: string): Promise<TeamRow> {
  const team = await findTeam(db, orgId, teamId);
  if (!team) throw new AppError("NOT_FOUND", { message: "That team does not exist in this organization." });
  return team;
}

/** The acting user's org role; the system (CLI, jobs) acts with an admin's reach. */
export function actorOrgRole(ctx: ServiceContext): OrgRole {
  return ctx.access?.role ?? "admin";
}

export function assertPlanHasTeams(org: OrgRow): void {
  if (!PLAN_RULES[org.plan].hasMultipleTeams) {
    throw new AppError("PLAN_LIMIT", {
      message: `Teams require Business or Enterprise. On the ${PLAN_RULES[org.plan].label} plan, every user is in the single auto-created team.`,
    });
  }
}

export function assertPlanCanInvite(org: OrgRow): void {
  if (!PLAN_RULES[org.plan].canInvite) {
    throw new AppError("PLAN_LIMIT", { message: PLAN_RULES[org.plan].usersPageHelp });
  }
}
