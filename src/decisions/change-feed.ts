import { sql } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { ACCESS_CHANNEL } from "../db/queries/orgs.js";
import type { AccessEngine } from "./access-engine.js";

export type Logger = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/**
 * How this instance hears of access changes committed elsewhere.
 * - PostgreSQL: LISTEN on a dedicated connection. A dropped connection may have missed notifications,
 *   so every cached policy is dropped and re-read once it is back.
 * - SQLite: other processes (the CLI) can write the same file; `PRAGMA data_version` moves when they
 *   commit, and then the cached orgs' versions are re-read.
 */
export function startChangeFeed(
  database: { db: Db; config: DatabaseConfig },
  engine: AccessEngine,
  log: Logger,
): { stop(): Promise<void> } {
  return database.config.kind === "postgres"
    ? listenPostgres(database.config, engine, log)
    : pollSqlite(database.db, engine);
}

function listenPostgres(
  config: Extract<DatabaseConfig, { kind: "postgres" }>,
  engine: AccessEngine,
  log: Logger,
): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 100;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({
      connectionString: config.url,
      ...(config.schema && { options: `-c search_path=${config.schema}` }),
    });
    next.on("notification", (message) => {
      const [orgId, version] = (message.payload ?? "").split(":");
      if (orgId && version) engine.noteVersion(orgId, Number(version));
    });
    next.on("error", (error) => {
      log.warn({ err: error }, "access change feed lost its connection; reconnecting");
      reconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${ACCESS_CHANNEL}`);
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
      retryMs = 100;
      // Anything announced while we were not listening is unknown: start from the database again.
      engine.invalidateAll();
    } catch (error) {
      log.warn({ err: error }, "access change feed could not connect; retrying");
      next.end().catch(() => {});
      reconnect();
    }
  };
  const reconnect = () => {
    if (stopped) return;
    const old = client;
    client = null;
    old?.end().catch(() => {});
    engine.invalidateAll();
    clearTimeout(timer);
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

const SQLITE_POLL_MS = 250;

function pollSqlite(db: Db, engine: AccessEngine): { stop(): Promise<void> } {
  let lastDataVersion: number | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
      const dataVersion = Number(rows[0]?.data_version);
      const cached = engine.cachedVersions();
      // The first look has nothing to compare with: re-read every cached org's version then, too.
      if (dataVersion !== lastDataVersion && cached.size > 0) {
        const orgs = await db
          .selectFrom("orgs")
          .select(["id", "access_version"])
          .where("id", "in", [...cached.keys()])
          .execute();
        for (const org of orgs) engine.noteVersion(org.id, Number(org.access_version));
      }
      lastDataVersion = dataVersion;
    } catch {
      // The next tick tries again; a closed database ends with stop().
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, SQLITE_POLL_MS);
  timer.unref();
  void tick();
  return {
    async stop() {
      clearInterval(timer);
    },
  };
}
