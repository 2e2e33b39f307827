import { sql } from "kysely";
import type { InvitationStatus } from "../../domain/invitation.js";
import {
  ACTIVITY_ACTIONS,
  type ActivityAction,
  type DailyCount,
  type StatusCounts,
} from "../../domain/invitation-dashboard.js";
import { type Executor, isPostgres } from "../client.js";

/**
 * Aggregates for the Invitation Dashboard. Each is one statement that the database answers from an
 * index (see migration 0007-dashboard): no rows are read into the application to be counted.
 */

/** Invitations by effective status: a pending invitation past its expiry counts as expired. */
export async function countInvitationsByStatus(
  db: Executor,
  orgId: string,
  now: string,
): Promise<StatusCounts> {
  const effective = sql<InvitationStatus>`case when status = 'pending' and expires_at <= ${now} then 'expired' else status end`;
  const rows = await db
    .selectFrom("invitations")
    .select([effective.as("effective_status"), (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    // By the output column: the expression holds a parameter, and PostgreSQL would not match two copies.
    .groupBy(sql.ref("effective_status"))
    .execute();
  const counts: StatusCounts = { accepted: 0, pending: 0, expired: 0, revoked: 0 };
  for (const row of rows) counts[row.effective_status] += Number(row.n);
  return counts;
}

/** How many distinct invitations were resent at least once. */
export async function countResentInvitations(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.count<number | string>("target_id").distinct().as("n"))
    .where("org_id", "=", orgId)
    .where("action", "=", "invitation.resent")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members who joined the org at or after `since`. */
export async function countMembersJoinedSince(db: Executor, orgId: string, since: string): Promise<number> {
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

/** Invitations sent (created) per UTC day since `since`. */
export async function countInvitationsSentPerDay(
  db: Executor,
  orgId: string,
  since: string,
): Promise<DailyCount[]> {
  const day = utcDay(db, "created_at");
  const rows = await db
    .selectFrom("invitations")
    .select([day.as("day"), (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .where("created_at", ">=", since)
    .groupBy(day)
    .execute();
  return rows.map((row) => ({ day: row.day, count: Number(row.n) }));
}

/** Invitations accepted per UTC day since `since`. */
export async function countInvitationsAcceptedPerDay(
  db: Executor,
  orgId: string,
  since: string,
): Promise<DailyCount[]> {
  const day = utcDay(db, "accepted_at");
  const rows = await db
    .selectFrom("invitations")
    .select([day.as("day"), (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .where("accepted_at", ">=", since)
    .groupBy(day)
    .execute();
  return rows.map((row) => ({ day: row.day, count: Number(row.n) }));
}

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
  const rows = await db
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
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, action: row.action as ActivityAction }));
}
