import type { Executor } from "../client.js";
import type { EmailVerificationRow } from "../schema.js";

export async function insertEmailVerification(db: Executor, row: EmailVerificationRow): Promise<void> {
  await db.insertInto("email_verifications").values(row).execute();
}

export function findEmailVerificationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<EmailVerificationRow | undefined> {
  return db
    .selectFrom("email_verifications")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function findEmailVerification(db: Executor, id: string): Promise<EmailVerificationRow | undefined> {
  return db.selectFrom("email_verifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Uses the link: the write is conditional on the row being unused and unexpired, so of concurrent
 * completions exactly one sees `true`. The sealed token is dropped with it: nothing can mail it again.
 */
export async function consumeEmailVerification(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("email_verifications")
    .set({ consumed_at: now, token_sealed: null })
    .where("id", "=", id)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setEmailVerificationUser(db: Executor, id: string, userId: string): Promise<void> {
  await db.updateTable("email_verifications").set({ user_id: userId }).where("id", "=", id).execute();
}

/** Sign-up emails (either kind) queued to an address since a time: the per-address cap. */
export async function countSignupEmailsSince(
  db: Executor,
  toAddress: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom("email_messages")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("to_address", "=", toAddress)
    .where("created_at", ">", since)
    .where("kind", "in", ["signup", "signup_existing"])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
