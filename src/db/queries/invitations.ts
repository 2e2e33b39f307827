import { sql } from "kysely";
import type { InvitationStatus } from "../../domain/invitation.js";
import { type Executor, isPostgres } from "../client.js";
import { type PageLimit, preparedPageQuery } from "../prepared-query.js";
import type { InvitationRow, InvitationUpdate, NewInvitation } from "../schema.js";

export async function insertInvitation(db: Executor, invitation: NewInvitation): Promise<void> {
  await db.insertInto("invitations").values(invitation).execute();
}

export function findInvitation(db: Executor, orgId: string, id: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export function findInvitationByIdempotencyKey(
  db: Executor,
  orgId: string,
  invitedBy: string,
  key: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("invited_by", "=", invitedBy)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/**
 * Writes `changes` only while the row still has the status the caller read. Returns whether it did:
 * of two concurrent accepts (or an accept racing a revoke) exactly one sees true.
 */
export async function updateInvitationIfStatus(
  db: Executor,
  id: string,
  expectedStatus: InvitationStatus,
  changes: InvitationUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set(changes)
    .where("id", "=", id)
    .where("status", "=", expectedStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks this email's pending invitations in the org that are past expiry as expired, so the partial
 * unique index (one *pending* invitation per org and email) lets a new one in.
 */
export async function expireLapsedInvitationsFor(db: Executor, orgId: string, email: string, now: string) {
  await db
    .updateTable("invitations")
    .set({ status: "expired", token_sealed: null, updated_at: now })
    .where("org_id", "=", orgId)
    .where("email", "=", email)
    .where("status", "=", "pending")
    .where("expires_at", "<=", now)
    .execute();
}

export async function countPendingInvitations(db: Executor, orgId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type InvitationListRow = InvitationRow & {
  team_name: string | null;
  inviter_name: string | null;
  email_status: "queued" | "sent" | "failed" | null;
  email_error: string | null;
  email_kind: "invitation" | "reminder" | null;
  email_at: string | null;
};

/**
 * Invitations with the names users see: the team they will join (the default team when none was
 * picked) and the inviter.
 */
/**
 * Every column of an invitation, each named: a page's statement lists them rather than `i.*`, because on
 * PostgreSQL it is a named statement (see preparedQuery), whose result columns may not change while a
 * connection keeps it: `i.*` would make a column added by a migration fail the page until reconnecting.
 */
const INVITATION_COLUMNS = Object.keys({
  id: true,
  org_id: true,
  email: true,
  role: true,
  team_id: true,
  team_role: true,
  department: true,
  message: true,
  status: true,
  token_hash: true,
  expires_at: true,
  expiry_days: true,
  invited_by: true,
  idempotency_key: true,
  accepted_by: true,
  accepted_at: true,
  created_at: true,
  updated_at: true,
  token_sealed: true,
  reminded_at: true,
  expiry_recorded_at: true,
} satisfies Record<keyof InvitationRow, true>).map((column) => `i.${column}`) as `i.${keyof InvitationRow}`[];

function selectInvitationsWithNames(db: Executor, orgId: string) {
  return (
    db
      .selectFrom("invitations as i")
      .innerJoin("orgs as o", "o.id", "i.org_id")
      .leftJoin("teams as t", (join) =>
        join.on((eb) => eb("t.id", "=", eb.fn.coalesce("i.team_id", "o.default_team_id"))),
      )
      .leftJoin("users as u", "u.id", "i.invited_by")
      // The newest email of the invitation (delivery status): one index probe picks it, one join reads
      // it (four correlated subqueries, one per column, cost three times as much per page).
      .leftJoin("email_messages as m", (join) =>
        join.on((eb) =>
          eb(
            "m.id",
            "=",
            eb
              .selectFrom("email_messages as newest")
              .select("newest.id")
              .whereRef("newest.invitation_id", "=", "i.id")
              .orderBy("newest.created_at", "desc")
              .orderBy("newest.id", "desc")
              .limit(1),
          ),
        ),
      )
      .select(INVITATION_COLUMNS)
      .select([
        "t.name as team_name",
        "u.name as inviter_name",
        "m.status as email_status",
        "m.last_error as email_error",
        "m.kind as email_kind",
        (eb) => eb.fn.coalesce("m.sent_at", "m.created_at").as("email_at"),
      ])
      // An invitation's emails are invitations and reminders (sign-up emails have no invitation).
      .$narrowType<{ email_kind: "invitation" | "reminder" | null }>()
      .where("i.org_id", "=", orgId)
  );
}

export function findInvitationWithNames(
  db: Executor,
  orgId: string,
  id: string,
): Promise<InvitationListRow | undefined> {
  return selectInvitationsWithNames(db, orgId).where("i.id", "=", id).executeTakeFirst();
}

/**
 * A column as a filter SQLite's planner must not pick an index range for. Without ANALYZE statistics
 * it prefers a range on (org_id, status, expires_at), reads every live pending invitation of the org and
 * sorts them (about 100 ms with 12,000 of them), when walking (org_id, status, id, expires_at) newest
 * first stops after a page. The unary plus is SQLite's documented way to say so; PostgreSQL plans from
 * its statistics and has no unary plus on timestamps.
 */
function notAnIndexTerm(db: Executor, column: "i.expires_at") {
  return isPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

/**
 * Newest first, in any of `statuses` (all when null). A stored `pending` past its expiry counts as
 * expired, as users see it.
 */
export function listInvitationsPage(
  db: Executor,
  orgId: string,
  filter: { statuses: readonly InvitationStatus[] | null; now: string },
  page: { beforeId: string | null; limit: number },
): Promise<InvitationListRow[]> {
  // The filter's terms are an OR: in a fixed order, each set of statuses is one shape of the query.
  const statuses = filter.statuses === null ? null : [...new Set(filter.statuses)].sort();
  const shape = `${statuses?.join(",") ?? "all"}|${page.beforeId === null ? "first" : "after"}`;
  let select = invitationPageQueries.get(shape);
  if (select === undefined) {
    select = preparedPageQuery(
      (db: Executor, limit: PageLimit, orgId: string, now: string, beforeId: string) =>
        selectInvitationsPage(
          db,
          orgId,
          { statuses, now },
          { beforeId: page.beforeId === null ? null : beforeId, limit },
        ),
    );
    invitationPageQueries.set(shape, select);
  }
  return select(db, page.limit, orgId, filter.now, page.beforeId ?? "");
}

/** At most 2 x 16 shapes: the first page or one after a cursor; all statuses or one of the 15 sets of the four. */
const invitationPageQueries = new Map<
  string,
  (db: Executor, limit: number, orgId: string, now: string, beforeId: string) => Promise<InvitationListRow[]>
>();

function selectInvitationsPage(
  db: Executor,
  orgId: string,
  filter: { statuses: readonly InvitationStatus[] | null; now: string },
  page: { beforeId: string | null; limit: PageLimit },
) {
  const { statuses, now } = filter;
  let query = selectInvitationsWithNames(db, orgId).orderBy("i.id", "desc").limit(page.limit);
  if (statuses !== null) {
    query = query.where((eb) =>
      eb.or(
        statuses.map((status) => {
          if (status === "pending")
            return eb.and([eb("i.status", "=", "pending"), eb(notAnIndexTerm(db, "i.expires_at"), ">", now)]);
          if (status === "expired")
            return eb.or([
              eb("i.status", "=", "expired"),
              eb.and([eb("i.status", "=", "pending"), eb("i.expires_at", "<=", now)]),
            ]);
          return eb("i.status", "=", status);
        }),
      ),
    );
  }
  if (page.beforeId !== null) query = query.where("i.id", "<", page.beforeId);
  return query;
}

/** A deleted team's pending invitations now lead into the default team, as a plain member. */
export async function clearTeamFromPendingInvitations(
  db: Executor,
  teamId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ team_id: null, team_role: null, updated_at: now })
    .where("team_id", "=", teamId)
    .where("status", "=", "pending")
    .execute();
}
