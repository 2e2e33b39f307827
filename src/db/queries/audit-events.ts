import type { Executor } from "../client.js";
import type { AuditEventRow } from "../schema.js";

export async function insertAuditEvent(db: Executor, event: AuditEventRow): Promise<void> {
  await db.insertInto("audit_events").values(event).execute();
}

/** 10 columns a row: 90 rows a statement stay under SQLite's 999 bound parameters. */
const AUDIT_ROWS_PER_STATEMENT = 90;

export async function insertAuditEvents(db: Executor, events: readonly AuditEventRow[]): Promise<void> {
  for (let i = 0; i < events.length; i += AUDIT_ROWS_PER_STATEMENT) {
    await db
      .insertInto("audit_events")
      .values(events.slice(i, i + AUDIT_ROWS_PER_STATEMENT))
      .execute();
  }
}

/** The history of one target (an invitation, a member), oldest first. */
export function listAuditEventsForTarget(db: Executor, orgId: string, targetType: string, targetId: string) {
  return db
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .selectAll("a")
    .select(["u.name as actor_name", "u.email as actor_email"])
    .where("a.org_id", "=", orgId)
    .where("a.target_type", "=", targetType)
    .where("a.target_id", "=", targetId)
    .orderBy("a.id")
    .execute();
}
