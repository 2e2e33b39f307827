import { sql } from "kysely";
import type { InvitationStatus } from "../../domain/invitation.js";
import {
  ACTIVITY_ACTIONS,
  type ActivityAction,
  DASHBOARD_ACTIVITY_LIMIT,
  type DailyCount,
  type StatusCounts,
} from "../../domain/invitation-dashboard.js";
import { type Executor, isPostgres } from "../client.js";
import { type PageLimit, preparedPageQuery, preparedQuery } from "../prepared-query.js";
import type { InvitationCountersTable } from "../schema.js";

/**
 * Figures for the Invitation Dashboard. Counts come from counters kept by triggers (migration 0013);
 * the rest is one statement the database answers from an index (0007) over a bounded range: this
 * month's memberships, the newest 20 audit events.
 */

export type InvitationCounts = StatusCounts & { resent: number };

/**
 * Invitations by effective status (a pending invitation past its expiry counts as expired) and how many
 * were resent at least once, from the org's counters (migration 0013). The stored counts are exact; the
 * only rows read are the pending invitations that lapsed since the last expiry sweep (it runs every 5
 * minutes), through (org_id, status, expires_at).
 */
export async function readInvitationCounts(
  db: Executor,
  orgId: string,
  now: string,
): Promise<InvitationCounts> {
  const [row] = await selectInvitationCounts(db, orgId, now);
  if (row === undefined) return { accepted: 0, pending: 0, expired: 0, revoked: 0, resent: 0 };
  const lapsed = Number(row.lapsed ?? 0);
  return {
    accepted: Number(row.accepted),
    pending: Number(row.pending) - lapsed,
    expired: Number(row.expired) + lapsed,
    revoked: Number(row.revoked),
    resent: Number(row.resent),
  };
}

// The dashboard's four statements run on every view of it: prepared (see preparedQuery).
const selectInvitationCounts = preparedQuery((db: Executor, orgId: string, now: string) =>
  db
    .selectFrom("invitation_counters as c")
    .select(["c.pending", "c.accepted", "c.expired", "c.revoked", "c.resent"])
    .select((eb) =>
      eb
        .selectFrom("invitations as i")
        .select((e) => e.fn.countAll<number | string>().as("n"))
        .whereRef("i.org_id", "=", "c.org_id")
        .where("i.status", "=", "pending")
        .where("i.expires_at", "<=", now)
        .as("lapsed"),
    )
    .where("c.org_id", "=", orgId),
);

export type StoredInvitationCounts = {
  counters: Omit<InvitationCountersTable, "org_id">;
  days: { day: string; sent: number; accepted: number }[];
};

/** The org's counters as stored (zeros when it has no row), days with activity only, oldest first. */
export async function readStoredInvitationCounters(
  db: Executor,
  orgId: string,
): Promise<StoredInvitationCounts> {
  const counters = await db
    .selectFrom("invitation_counters")
    .select(["pending", "accepted", "expired", "revoked", "resent"])
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const days = await db
    .selectFrom("invitation_daily_counts")
    .select(["day", "sent", "accepted"])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("sent", "!=", 0), eb("accepted", "!=", 0)]))
    .orderBy("day")
    .execute();
  return {
    counters: {
      pending: Number(counters?.pending ?? 0),
      accepted: Number(counters?.accepted ?? 0),
      expired: Number(counters?.expired ?? 0),
      revoked: Number(counters?.revoked ?? 0),
      resent: Number(counters?.resent ?? 0),
    },
    days: days.map((d) => ({ day: d.day, sent: Number(d.sent), accepted: Number(d.accepted) })),
  };
}

/**
 * The same figures counted from the invitations and audit events themselves: what the counters must
 * equal. Reads every invitation of the org: for the consistency check, never for a page.
 */
export async function recountInvitationCounters(
  db: Executor,
  orgId: string,
): Promise<StoredInvitationCounts> {
  const byStatus = await db
    .selectFrom("invitations")
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .groupBy("status")
    .execute();
  const resent = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.count<number | string>("target_id").distinct().as("n"))
    .where("org_id", "=", orgId)
    .where("action", "=", "invitation.resent")
    .executeTakeFirstOrThrow();
  const sentDay = utcDay(db, "created_at");
  const acceptedDay = utcDay(db, "accepted_at");
  const sent = await db
    .selectFrom("invitations")
    .select([sentDay.as("day"), (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .groupBy(sentDay)
    .execute();
  const accepted = await db
    .selectFrom("invitations")
    .select([acceptedDay.as("day"), (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .where("accepted_at", "is not", null)
    .groupBy(acceptedDay)
    .execute();
  const counters = { pending: 0, accepted: 0, expired: 0, revoked: 0, resent: Number(resent.n) };
  for (const row of byStatus) counters[row.status] = Number(row.n);
  const days = new Map<string, { day: string; sent: number; accepted: number }>();
  const dayOf = (day: string) => {
    const entry = days.get(day) ?? { day, sent: 0, accepted: 0 };
    days.set(day, entry);
    return entry;
  };
  for (const row of sent) dayOf(row.day).sent = Number(row.n);
  for (const row of accepted) dayOf(row.day).accepted = Number(row.n);
  return { counters, days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)) };
}

/**
 * Members who joined the org on or after the UTC day of `since` (and are still members), from the
 * per-day counters (migration 0015): at most one row per day, however many joined.
 */
export async function countMembersJoinedSince(db: Executor, orgId: string, since: string): Promise<number> {
  const [row] = await selectMembersJoinedSince(db, orgId, since.slice(0, 10));
  return Number(row?.n ?? 0);
}

const selectMembersJoinedSince = preparedQuery((db: Executor, orgId: string, sinceDay: string) =>
  db
    .selectFrom("membership_daily_joins")
    .select((eb) => eb.fn.sum<number | string | null>("joined").as("n"))
    .where("org_id", "=", orgId)
    .where("day", ">=", sinceDay),
);

/** The same count from the memberships themselves: what the counters must equal (consistency check). */
export async function recountMembersJoinedSince(db: Executor, orgId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("org_id", "=", orgId)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The UTC day (YYYY-MM-DD) of a timestamp column, on either dialect. */
function utcDay(db: Executor, column: "created_at" | "accepted_at") {
  return isPostgres(db)
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}

/** Invitations sent (created) and accepted per UTC day since `since`, days with activity only. */
export async function readInvitationsPerDay(
  db: Executor,
  orgId: string,
  since: string,
): Promise<{ sent: DailyCount[]; accepted: DailyCount[] }> {
  const rows = await selectInvitationsPerDay(db, orgId, since.slice(0, 10));
  return {
    sent: rows.map((row) => ({ day: row.day, count: Number(row.sent) })),
    accepted: rows.map((row) => ({ day: row.day, count: Number(row.accepted) })),
  };
}

const selectInvitationsPerDay = preparedQuery((db: Executor, orgId: string, sinceDay: string) =>
  db
    .selectFrom("invitation_daily_counts")
    .select(["day", "sent", "accepted"])
    .where("org_id", "=", orgId)
    .where("day", ">=", sinceDay),
);

export type ActivityRow = {
  id: string;
  action: ActivityAction;
  created_at: string;
  invitation_id: string;
  email: string;
  status: InvitationStatus;
  expires_at: string;
  invitee_name: string | null;
};

/**
 * The latest invitation events, newest first, with the invitee: the account that accepted, else the
 * account registered at the invited email, else only the email.
 */
export async function listRecentInvitationActivity(
  db: Executor,
  orgId: string,
  limit: number,
): Promise<ActivityRow[]> {
  const rows = await selectRecentInvitationActivity(db, limit, orgId);
  return rows.map((row) => ({ ...row, action: row.action as ActivityAction }));
}

// The feed's length is the dashboard's, a constant: in the SQL text (see preparedPageQuery).
const selectRecentInvitationActivity = preparedPageQuery(
  (db: Executor, limit: PageLimit, orgId: string) =>
    db
      .selectFrom("audit_events as a")
      .innerJoin("invitations as i", (join) =>
        join.onRef("i.id", "=", "a.target_id").onRef("i.org_id", "=", "a.org_id"),
      )
      .leftJoin("users as accepted", "accepted.id", "i.accepted_by")
      .leftJoin("users as registered", "registered.email", "i.email")
      .select([
        "a.id",
        "a.action",
        "a.created_at",
        "i.id as invitation_id",
        "i.email",
        "i.status",
        "i.expires_at",
        (eb) => eb.fn.coalesce("accepted.name", "registered.name").as("invitee_name"),
      ])
      .where("a.org_id", "=", orgId)
      .where("a.target_type", "=", "invitation")
      .where("a.action", "in", ACTIVITY_ACTIONS)
      .orderBy("a.id", "desc")
      .limit(limit),
  [DASHBOARD_ACTIVITY_LIMIT],
);
