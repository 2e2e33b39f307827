import { bumpAccessVersion, updateOrg } from "../../db/queries/orgs.js";
import { insertTeamMembership, listMembersOutsideTeam, listTeams } from "../../db/queries/teams.js";
import type { OrgRow } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { PLAN_RULES, type Plan } from "../../domain/plans.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { getSeatUsage } from "../shared/seats.js";
import type { OrgView } from "../shared/views.js";
import { getOrganization } from "./get-organization.js";

export type UpdateOrganizationInput = {
  orgId: string;
  name?: string;
  plan?: Plan;
  /** A number of seats, null for the plan's default. */
  seatLimit?: number | null;
};

/**
 * Renames the org, changes its plan or its seat limit. A plan change that the org's current state
 * does not fit (several people on Free, several teams on Team) is refused with what to do first.
 */
export async function updateOrganization(
  ctx: ServiceContext,
  input: UpdateOrganizationInput,
): Promise<OrgView> {
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const before = { name: org.name, plan: org.plan, seatLimit: org.seat_limit };
    const after = {
      name: input.name?.trim() ?? org.name,
      plan: input.plan ?? org.plan,
      seatLimit: input.seatLimit === undefined ? org.seat_limit : input.seatLimit,
    };
    const usage = await getSeatUsage(
      trx,
      { ...org, plan: after.plan, seat_limit: after.seatLimit },
      ctx.config,
      now,
    );
    if (after.plan !== org.plan) await assertPlanFits(trx, org, after.plan, usage);
    if (usage.limit !== null && usage.used > usage.limit) {
      throw new AppError("VALIDATION_FAILED", {
        message: `This organization has ${usage.used} active members, more than ${usage.limit} seats. Remove members first, or pick a higher limit.`,
        details: { field: "seatLimit", used: usage.used },
      });
    }
    await updateOrg(trx, org.id, {
      name: after.name,
      plan: after.plan,
      seat_limit: after.seatLimit,
      updated_at: now,
    });
    if (after.plan !== org.plan && !PLAN_RULES[after.plan].hasMultipleTeams)
      await fillDefaultTeam(trx, org, now);
    if (after.plan !== org.plan) await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "org.updated",
      target: { type: "org", id: org.id },
      before,
      after,
    });
  });
  return getOrganization(ctx, input.orgId);
}

async function assertPlanFits(
  trx: Trx,
  org: OrgRow,
  plan: Plan,
  usage: { used: number; pending: number },
): Promise<void> {
  const rules = PLAN_RULES[plan];
  if (!rules.canInvite && usage.used + usage.pending > 1) {
    throw new AppError("PLAN_LIMIT", {
      message: `The ${rules.label} plan is limited to one user. Remove the other members and revoke pending invitations first.`,
    });
  }
  if (!rules.hasMultipleTeams) {
    const extraTeams = (await listTeams(trx, org.id)).filter((team) => team.id !== org.default_team_id);
    if (extraTeams.length > 0) {
      throw new AppError("PLAN_LIMIT", {
        message: `The ${rules.label} plan has a single team. Delete the other teams first (${extraTeams.map((t) => t.name).join(", ")}).`,
      });
    }
  }
}

/** On single-team plans every member is in the default team (auxot seed): add whoever is not. */
async function fillDefaultTeam(trx: Trx, org: OrgRow, now: string): Promise<void> {
  if (org.default_team_id === null) return;
  const missing = await listMembersOutsideTeam(trx, org.id, org.default_team_id);
  for (const { user_id } of missing) {
    await insertTeamMembership(trx, {
      team_id: org.default_team_id,
      user_id,
      org_id: org.id,
      role: "member",
      created_at: now,
      updated_at: now,
    });
  }
}
