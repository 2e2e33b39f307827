import type { InvitationStatus } from "../../domain/invitation.js";
import type { Executor } from "../client.js";
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
    .set({ status: "expired", updated_at: now })
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

export type InvitationListRow = InvitationRow & { team_name: string | null; inviter_name: string | null };

/** Newest first. A stored `pending` past its expiry counts as expired, as users see it. */
export function listInvitationsPage(
  db: Executor,
  orgId: string,
  filter: { status: InvitationStatus | null; now: string },
  page: { beforeId: string | null; limit: number },
): Promise<InvitationListRow[]> {
  const { status, now } = filter;
  let query = db
    .selectFrom("invitations as i")
    .leftJoin("teams as t", "t.id", "i.team_id")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .selectAll("i")
    .select(["t.name as team_name", "u.name as inviter_name"])
    .where("i.org_id", "=", orgId)
    .orderBy("i.id", "desc")
    .limit(page.limit);
  if (status === "pending") query = query.where("i.status", "=", "pending").where("i.expires_at", ">", now);
  else if (status === "expired")
    query = query.where((eb) =>
      eb.or([
        eb("i.status", "=", "expired"),
        eb.and([eb("i.status", "=", "pending"), eb("i.expires_at", "<=", now)]),
      ]),
    );
  else if (status !== null) query = query.where("i.status", "=", status);
  if (page.beforeId !== null) query = query.where("i.id", "<", page.beforeId);
  return query.execute();
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
