import type { Executor } from "../client.js";

export async function getSetting(db: Executor, key: string): Promise<string | null> {
  const row = await db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function putSetting(db: Executor, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}

export async function deleteSetting(db: Executor, key: string): Promise<boolean> {
  const result = await db.deleteFrom("instance_settings").where("key", "=", key).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Fails with a unique violation when the key exists. */
export async function insertSetting(db: Executor, key: string, value: string, now: string): Promise<void> {
  await db.insertInto("instance_settings").values({ key, value, updated_at: now }).execute();
}
