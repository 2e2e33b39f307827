import {
  countMembersJoinedSince,
  listRecentInvitationActivity,
  readInvitationCounts,
  readInvitationsPerDay,
} from "../../db/queries/invitation-stats.js";
import {
  type ActivityAction,
  activitySentence,
  type ChartDay,
  chartStart,
  DASHBOARD_ACTIVITY_LIMIT,
  type DashboardOverview,
  fillChartDays,
  overview,
  startOfUtcMonth,
} from "../../domain/invitation-dashboard.js";
import type { ServiceContext } from "../context.js";

export type DashboardActivity = {
  id: string;
  action: ActivityAction;
  at: string;
  invitationId: string;
  invitee: { email: string; name: string | null };
  sentence: string;
};

export type InvitationDashboard = DashboardOverview & {
  generatedAt: string;
  recentActivity: DashboardActivity[];
  chart: ChartDay[];
};

/**
 * The Invitation Dashboard of one org: counts with percentages, resent, new members this month, the
 * Recent Activity feed and invitations sent vs accepted per day over the last 30 days. Read-only: four
 * statements, no transaction needed (each figure is consistent on its own). Counts and the chart come
 * from counters (migration 0013), so the cost does not grow with the org's invitations.
 */
export async function getInvitationDashboard(
  ctx: ServiceContext,
  input: { orgId: string },
): Promise<InvitationDashboard> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const since = chartStart(now).toISOString();
  const [counts, newMembers, perDay, activity] = await Promise.all([
    readInvitationCounts(ctx.db, input.orgId, nowIso),
    countMembersJoinedSince(ctx.db, input.orgId, startOfUtcMonth(now).toISOString()),
    readInvitationsPerDay(ctx.db, input.orgId, since),
    listRecentInvitationActivity(ctx.db, input.orgId, DASHBOARD_ACTIVITY_LIMIT),
  ]);
  return {
    generatedAt: nowIso,
    ...overview(counts, counts.resent, newMembers, now),
    recentActivity: activity.map((row) => {
      const currentStatus = row.status === "pending" && row.expires_at <= nowIso ? "expired" : row.status;
      return {
        id: row.id,
        action: row.action,
        at: row.created_at,
        invitationId: row.invitation_id,
        invitee: { email: row.email, name: row.invitee_name },
        sentence: activitySentence(
          {
            action: row.action,
            at: new Date(row.created_at),
            inviteeName: row.invitee_name,
            inviteeEmail: row.email,
            currentStatus,
          },
          now,
        ),
      };
    }),
    chart: fillChartDays(now, perDay.sent, perDay.accepted),
  };
}
