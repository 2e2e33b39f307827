/**
 * The Invitation Dashboard (mixus guide, "Invitation Status Overview"): accepted / pending / expired with
 * percentages, how many were resent, new members this month, a Recent Activity feed and a per-day chart.
 * Pure rules only: the counts come from aggregate queries (src/db/queries/invitation-stats.ts).
 */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** How many days the chart covers, today included. */
export const DASHBOARD_CHART_DAYS = 30;
/** How many entries the Recent Activity feed shows. */
export const DASHBOARD_ACTIVITY_LIMIT = 20;

/**
 * Whole percentages of `counts` that add up to exactly 100 (largest remainder method), or all 0 when
 * nothing was counted. Ties in the remainder go to the earlier entry, so the result is stable.
 */
export function percentagesSummingTo100(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((count) => (count * 100) / total);
  const result = exact.map((value) => Math.floor(value));
  let missing = 100 - result.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
    missing -= 1;
  }
  return result;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/**
 * A span in the guide's words: "2 hours", "3 days", "1 week". Under a minute is "moments"; spans are
 * floored (47 hours are "1 day"), weeks from 7 days, months (30 days) from 60 days, years from 365.
 */
export function describeSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return "moments";
  if (span < HOUR_MS) return plural(Math.floor(span / MINUTE_MS), "minute");
  if (span < DAY_MS) return plural(Math.floor(span / HOUR_MS), "hour");
  if (span < WEEK_MS) return plural(Math.floor(span / DAY_MS), "day");
  if (span < 60 * DAY_MS) return plural(Math.floor(span / WEEK_MS), "week");
  if (span < 365 * DAY_MS) return plural(Math.floor(span / (30 * DAY_MS)), "month");
  return plural(Math.floor(span / (365 * DAY_MS)), "year");
}

/** "2 hours ago", or "just now" under a minute. A time in the future (clock skew) counts as now. */
export function relativeTime(at: Date, now: Date): string {
  const span = describeSpan(now.getTime() - at.getTime());
  return span === "moments" ? "just now" : `${span} ago`;
}

/** The first instant of `now`'s calendar month in UTC: "this month" on the dashboard. */
export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The first instant of the chart's first day: `DASHBOARD_CHART_DAYS` UTC days, today included. */
export function chartStart(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (DASHBOARD_CHART_DAYS - 1) * DAY_MS);
}

export type DailyCount = { day: string; count: number };
export type ChartDay = { day: string; sent: number; accepted: number };

/** Every UTC day from `chartStart(now)` to today (YYYY-MM-DD), days without activity at 0. */
export function fillChartDays(
  now: Date,
  sent: readonly DailyCount[],
  accepted: readonly DailyCount[],
): ChartDay[] {
  const sentByDay = new Map(sent.map((row) => [row.day, row.count]));
  const acceptedByDay = new Map(accepted.map((row) => [row.day, row.count]));
  const start = chartStart(now).getTime();
  const days: ChartDay[] = [];
  for (let i = 0; i < DASHBOARD_CHART_DAYS; i++) {
    const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    days.push({ day, sent: sentByDay.get(day) ?? 0, accepted: acceptedByDay.get(day) ?? 0 });
  }
  return days;
}

export type StatusCounts = { accepted: number; pending: number; expired: number; revoked: number };

export type DashboardOverview = {
  accepted: { count: number; percent: number };
  pending: { count: number; percent: number };
  expired: { count: number; percent: number };
  /** Cancelled invitations: counted, but outside the percentages (the guide's three add up to 100). */
  revoked: { count: number };
  /** Invitations resent at least once (people, not emails). */
  resent: { count: number };
  /** Members who joined since the first of this month (UTC). */
  newMembersThisMonth: { count: number; since: string };
};

export function overview(
  counts: StatusCounts,
  resent: number,
  newMembers: number,
  now: Date,
): DashboardOverview {
  const [accepted = 0, pending = 0, expired = 0] = percentagesSummingTo100([
    counts.accepted,
    counts.pending,
    counts.expired,
  ]);
  return {
    accepted: { count: counts.accepted, percent: accepted },
    pending: { count: counts.pending, percent: pending },
    expired: { count: counts.expired, percent: expired },
    revoked: { count: counts.revoked },
    resent: { count: resent },
    newMembersThisMonth: { count: newMembers, since: startOfUtcMonth(now).toISOString() },
  };
}

/** The invitation audit actions the Recent Activity feed speaks of. */
export const ACTIVITY_ACTIONS = [
  "invitation.created",
  "invitation.accepted",
  "invitation.expired",
  "invitation.resent",
  "invitation.revoked",
  "invitation.extended",
  "invitation.reminded",
  "invitation.updated",
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export type ActivityEvent = {
  action: ActivityAction;
  at: Date;
  /** The invitee's name when they have an account, else null. */
  inviteeName: string | null;
  inviteeEmail: string;
  /** The invitation's status now, with a pending invitation past its expiry counted as expired. */
  currentStatus: "pending" | "accepted" | "expired" | "revoked";
};

/**
 * One line of Recent Activity, in the guide's words: "Alice Johnson accepted invitation (2 hours ago)",
 * "Bob Smith invitation pending (3 days)" (sent and still waiting), "Carol Wilson invitation expired
 * (1 week ago)". The invitee is named by their account's name, or by the email they were invited at.
 */
export function activitySentence(event: ActivityEvent, now: Date): string {
  const who = event.inviteeName?.trim() || event.inviteeEmail;
  const ago = relativeTime(event.at, now);
  switch (event.action) {
    case "invitation.created":
      return event.currentStatus === "pending"
        ? `${who} invitation pending (${describeSpan(now.getTime() - event.at.getTime()).replace("moments", "just sent")})`
        : `${who} was invited (${ago})`;
    case "invitation.accepted":
      return `${who} accepted invitation (${ago})`;
    case "invitation.expired":
      return `${who} invitation expired (${ago})`;
    case "invitation.resent":
      return `${who} invitation resent (${ago})`;
    case "invitation.revoked":
      return `${who} invitation cancelled (${ago})`;
    case "invitation.extended":
      return `${who} invitation extended (${ago})`;
    case "invitation.reminded":
      return `${who} reminded of invitation (${ago})`;
    case "invitation.updated":
      return `${who} invitation edited (${ago})`;
  }
}
