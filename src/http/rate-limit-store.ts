import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Db } from "../db/client.js";
import { countRateLimitHit, deleteRateLimitWindowsBefore } from "../db/queries/rate-limits.js";

const CLEANUP_EVERY = 500;
const KEEP_MS = 60 * 60 * 1000;

/**
 * A @fastify/rate-limit store on our own database, so that a limit holds across every instance behind
 * a load balancer (an in-memory store would give each instance its own budget) without Redis.
 * Each route counts apart: its key is prefixed with the route.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let sinceCleanup = 0;

  class DatabaseRateLimitStore {
    readonly #prefix: string;

    constructor(options: { routeInfo?: { method?: string | string[]; url?: string } } = {}) {
      const route = options.routeInfo;
      this.#prefix = route?.url ? `${String(route.method)} ${route.url}|` : "";
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = Date.now();
      countRateLimitHit(db, this.#prefix + key, now, timeWindow).then(
        ({ hits, windowStartMs }) => {
          callback(null, { current: hits, ttl: Math.max(0, windowStartMs + timeWindow - now) });
          sinceCleanup += 1;
          if (sinceCleanup >= CLEANUP_EVERY) {
            sinceCleanup = 0;
            deleteRateLimitWindowsBefore(db, now - KEEP_MS).catch(() => {});
          }
        },
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: { routeInfo?: { method?: string | string[]; url?: string } }) {
      return new DatabaseRateLimitStore(routeOptions);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
