import type { Db } from "../db/client.js";
import { touchApiKeys } from "../db/queries/api-keys.js";

/**
 * "Last used" of API keys, kept off the hot path: uses are noted in memory and written at most once a
 * minute per key. It is a hint for people reviewing keys, so a crash may lose the last minute of it.
 */
export type KeyUsage = {
  /** `atMs`: the time of the use, in ms since the epoch. */
  noteUse(apiKeyId: string, atMs: number): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
};

const FLUSH_MS = 60_000;

export function createKeyUsage(db: Db): KeyUsage {
  // The time of each key's last use; turned into text only when written, not on every request.
  let pending = new Map<string, number>();
  const flush = async () => {
    if (pending.size === 0) return;
    const batch = new Map([...pending].map(([id, at]) => [id, new Date(at).toISOString()]));
    pending = new Map();
    await touchApiKeys(db, batch).catch(() => {});
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();
  return {
    noteUse(apiKeyId, atMs) {
      pending.set(apiKeyId, atMs);
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
