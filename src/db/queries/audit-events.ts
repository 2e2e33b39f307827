import type { Executor } from "../client.js";
import type { AuditEventRow } from "../schema.js";

export async function insertAuditEvent(db: Executor, event: AuditEventRow): Promise<void> {
  await db.insertInto("audit_events").values(event).execute();
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
