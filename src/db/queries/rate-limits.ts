import { sql } from "kysely";
import type { Executor } from "../client.js";

/**
 * Counts one hit in `key`'s fixed window, starting a new window when the stored one has ended, in one
 * atomic upsert (so concurrent instances never lose a hit). Returns the hits so far and when the
 * window started.
 */
export async function countRateLimitHit(
  db: Executor,
  key: string,
  nowMs: number,
  windowMs: number,
): Promise<{ hits: number; windowStartMs: number }> {
  const expired = sql<boolean>`rate_limit_counters.window_start_ms <= ${nowMs - windowMs}`;
  const row = await db
    .insertInto("rate_limit_counters")
    .values({ key, window_start_ms: nowMs, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql`case when ${expired} then 1 else rate_limit_counters.hits + 1 end`,
        window_start_ms: sql`case when ${expired} then ${nowMs} else rate_limit_counters.window_start_ms end`,
      }),
    )
    .returning(["hits", "window_start_ms"])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowStartMs: Number(row.window_start_ms) };
}

export async function deleteRateLimitWindowsBefore(db: Executor, beforeMs: number): Promise<void> {
  await db.deleteFrom("rate_limit_counters").where("window_start_ms", "<", beforeMs).execute();
}
