import type { OrgRole, TeamRole } from "../../domain/roles.js";
import type { Executor } from "../client.js";
import { preparedQuery } from "../prepared-query.js";
import type { MembershipStatus, SessionsTable } from "../schema.js";

export async function insertSession(db: Executor, session: SessionsTable): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

const selectActiveSession = preparedQuery((db: Executor, id: string, now: string) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.id", "s.user_id", "s.expires_at", "s.last_seen_at", "u.email", "u.name"])
    .where("s.id", "=", id)
    .where("s.expires_at", ">", now),
);

export async function findActiveSession(db: Executor, id: string, now: string) {
  const [session] = await selectActiveSession(db, id, now);
  return session;
}

export type SessionAccessRow = {
  id: string;
  user_id: string;
  expires_at: string;
  last_seen_at: string;
  email: string;
  name: string;
  /** The membership of the org asked about; null when the user is not a member. */
  role: OrgRole | null;
  status: MembershipStatus | null;
  team_id: string | null;
  team_role: TeamRole | null;
};

/**
 * The active session and, in the same statement, its user's membership of `orgId` and role in each of
 * its teams: one row per team (team columns null when in none; membership columns null when not a
 * member), no row when the session is unknown or expired.
 */
export function findActiveSessionWithAccess(
  db: Executor,
  id: string,
  now: string,
  orgId: string,
): Promise<SessionAccessRow[]> {
  return selectActiveSessionWithAccess(db, id, now, orgId);
}

const selectActiveSessionWithAccess = preparedQuery((db: Executor, id: string, now: string, orgId: string) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("memberships as m", (join) =>
      join.onRef("m.user_id", "=", "s.user_id").on("m.org_id", "=", orgId),
    )
    .leftJoin("team_memberships as tm", (join) =>
      join.onRef("tm.org_id", "=", "m.org_id").onRef("tm.user_id", "=", "m.user_id"),
    )
    .select([
      "s.id",
      "s.user_id",
      "s.expires_at",
      "s.last_seen_at",
      "u.email",
      "u.name",
      "m.role",
      "m.status",
      "tm.team_id",
      "tm.role as team_role",
    ])
    .where("s.id", "=", id)
    .where("s.expires_at", ">", now),
);

export async function touchSession(
  db: Executor,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
