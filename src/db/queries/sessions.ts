import type { Executor } from "../client.js";
import type { SessionsTable } from "../schema.js";

export async function insertSession(db: Executor, session: SessionsTable): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export function findActiveSession(db: Executor, id: string, now: string) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.id", "s.user_id", "s.expires_at", "s.last_seen_at", "u.email", "u.name"])
    .where("s.id", "=", id)
    .where("s.expires_at", ">", now)
    .executeTakeFirst();
}

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
