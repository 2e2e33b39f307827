import type { Executor } from "../client.js";
import type { ApiKeysTable } from "../schema.js";

export async function insertApiKey(db: Executor, row: ApiKeysTable): Promise<void> {
  await db.insertInto("api_keys").values(row).execute();
}

export function findApiKey(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("api_keys")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Keys newest first; `filter` narrows to what the caller may see. */
export function listApiKeys(
  db: Executor,
  orgId: string,
  filter: { all: true } | { userId: string; teamIds: readonly string[] },
) {
  return db
    .selectFrom("api_keys as k")
    .leftJoin("teams as t", "t.id", "k.team_id")
    .leftJoin("users as u", "u.id", "k.user_id")
    .selectAll("k")
    .select(["t.name as team_name", "u.name as user_name"])
    .where("k.org_id", "=", orgId)
    .$if(!("all" in filter), (q) => {
      const f = filter as { userId: string; teamIds: readonly string[] };
      return q.where((eb) =>
        eb.or([
          eb.and([eb("k.kind", "=", "personal"), eb("k.user_id", "=", f.userId)]),
          ...(f.teamIds.length > 0
            ? [eb.and([eb("k.kind", "=", "team"), eb("k.team_id", "in", f.teamIds)])]
            : []),
        ]),
      );
    })
    .orderBy("k.id", "desc")
    .execute();
}

export async function revokeApiKey(db: Executor, id: string, now: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: now, revoked_reason: reason })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A personal key dies with its owner's membership or role: returns how many were revoked. */
export async function revokePersonalKeysOf(
  db: Executor,
  orgId: string,
  userId: string,
  now: string,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: now, revoked_reason: reason })
    .where("org_id", "=", orgId)
    .where("kind", "=", "personal")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function touchApiKeys(db: Executor, lastUsed: ReadonlyMap<string, string>): Promise<void> {
  for (const [id, at] of lastUsed) {
    await db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
  }
}

/** A live key by the hash of its secret, with its owner's account (personal keys). */
export function findLiveApiKeyByHash(db: Executor, secretHash: string, now: string) {
  return db
    .selectFrom("api_keys as k")
    .leftJoin("users as u", "u.id", "k.user_id")
    .select([
      "k.id",
      "k.org_id",
      "k.kind",
      "k.user_id",
      "k.scopes",
      "k.expires_at",
      "u.email as user_email",
      "u.name as user_name",
    ])
    .where("k.secret_hash", "=", secretHash)
    .where("k.revoked_at", "is", null)
    .where((eb) => eb.or([eb("k.expires_at", "is", null), eb("k.expires_at", ">", now)]))
    .executeTakeFirst();
}
