import { sql } from "kysely";
import type { Executor } from "../client.js";
import type { EmailMessageRow, EmailTemplateRow } from "../schema.js";

export async function insertEmailMessages(db: Executor, rows: readonly EmailMessageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("email_messages")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Stores each invitation's sealed current token: one statement per 500 invitations. */
export async function setSealedTokens(
  db: Executor,
  sealed: readonly { invitationId: string; tokenSealed: string }[],
): Promise<void> {
  for (let i = 0; i < sealed.length; i += 500) {
    const chunk = sealed.slice(i, i + 500);
    const cases = sql.join(
      chunk.map((s) => sql`when ${s.invitationId} then ${s.tokenSealed}`),
      sql` `,
    );
    await db
      .updateTable("invitations")
      .set({ token_sealed: sql<string>`case id ${cases} end` })
      .where(
        "id",
        "in",
        chunk.map((s) => s.invitationId),
      )
      .execute();
  }
}

export function findEmailMessage(db: Executor, id: string): Promise<EmailMessageRow | undefined> {
  return db.selectFrom("email_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function markEmailSent(
  db: Executor,
  id: string,
  result: { messageId: string; now: string; attempts: number },
): Promise<void> {
  await db
    .updateTable("email_messages")
    .set({
      status: "sent",
      message_id: result.messageId,
      sent_at: result.now,
      attempts: result.attempts,
      last_error: null,
    })
    .where("id", "=", id)
    .execute();
}

/** An attempt failed: still queued while the job will retry, failed once it gives up. */
export async function markEmailAttemptFailed(
  db: Executor,
  id: string,
  failure: { error: string; final: boolean; attempts: number },
): Promise<void> {
  await db
    .updateTable("email_messages")
    .set({
      status: failure.final ? "failed" : "queued",
      last_error: failure.error,
      attempts: failure.attempts,
    })
    .where("id", "=", id)
    .execute();
}

/** The newest email of each invitation, for the invitation views. */
export async function lastEmailsOf(
  db: Executor,
  invitationIds: readonly string[],
): Promise<Map<string, EmailMessageRow>> {
  const map = new Map<string, EmailMessageRow>();
  if (invitationIds.length === 0) return map;
  const rows = await db
    .selectFrom("email_messages")
    .selectAll()
    .where("invitation_id", "in", invitationIds)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const row of rows)
    if (row.invitation_id && !map.has(row.invitation_id)) map.set(row.invitation_id, row);
  return map;
}

export function listEmailsOfInvitation(db: Executor, invitationId: string): Promise<EmailMessageRow[]> {
  return db
    .selectFrom("email_messages")
    .selectAll()
    .where("invitation_id", "=", invitationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findEmailTemplate(
  db: Executor,
  orgId: string,
  kind: EmailTemplateRow["kind"],
): Promise<EmailTemplateRow | undefined> {
  return db
    .selectFrom("email_templates")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

export async function upsertEmailTemplate(db: Executor, row: EmailTemplateRow): Promise<void> {
  await db
    .insertInto("email_templates")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["org_id", "kind"]).doUpdateSet({
        subject: row.subject,
        text: row.text,
        html: row.html,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

export async function deleteEmailTemplate(
  db: Executor,
  orgId: string,
  kind: EmailTemplateRow["kind"],
): Promise<boolean> {
  const result = await db
    .deleteFrom("email_templates")
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
