import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type Transaction,
} from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { DB } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<DB>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export type Database = {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
};

/**
 * `BEGIN IMMEDIATE` takes SQLite's write lock when the transaction starts instead of at its first
 * write, so a second process (the CLI during `serve`) waits on busy_timeout instead of failing with
 * SQLITE_BUSY halfway through a read-then-write transaction.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of ours.
 * Queries are built from a fixed set of shapes, so their SQL text repeats: keep the prepared
 * statements, least recently used out first.
 */
function cacheStatements(sqlite: SQLite.Database): SQLite.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as SQLite.Database["prepare"];
  return sqlite;
}

function openSqlite(file: string, cacheMb: number | undefined): Database {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = cacheStatements(new SQLite(file));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Negative: a size in KiB rather than in pages, whatever the page size.
  if (cacheMb !== undefined) sqlite.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** PostgreSQL's text form of a timestamptz in a UTC session: `2026-12-06 07:04:02.123456+00`. */
const UTC_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * The ISO string of a timestamptz, to the millisecond (as `Date#toISOString`, which truncates the
 * microseconds). In a UTC session it is a rearrangement of the text, six times cheaper than parsing a
 * Date: a page of 50 invitations carries 350 timestamps. Any other form goes through Date.
 */
export function isoFromTimestamptz(value: string): string {
  const match = UTC_TIMESTAMPTZ.exec(value);
  if (match === null) return new Date(value).toISOString();
  return `${match[1]}T${match[2]}.${(match[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}

/** PostgreSQL hands back ISO strings for timestamps and numbers for counts, as SQLite does. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMPTZ_OID) return isoFromTimestamptz;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The SQL texts that run as named statements on PostgreSQL, and their names (see namedOnPostgres). */
const statementNames = new Map<string, string>();

/**
 * Makes `sql` (a hot statement's text, compiled once: see preparedQuery) a named statement on every
 * PostgreSQL connection: each connection has the server parse it once, and afterwards only binds
 * values, where an unnamed statement is parsed and planned on every run (0.2-0.8 ms for the session
 * lookup, four times what executing it takes). The server may then use a generic plan, chosen for any
 * values; the hot statements walk indexes whose order answers them for any value.
 */
export function namedOnPostgres(sql: string): void {
  if (!statementNames.has(sql)) statementNames.set(sql, `gatehouse_${statementNames.size + 1}`);
}

/** A pg client that sends the statements namedOnPostgres registered by name; any other as it is. */
class NamingClient extends pg.Client {}
const plainQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
NamingClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const [text, values] = args;
  const name = typeof text === "string" && args.length === 2 ? statementNames.get(text) : undefined;
  return name === undefined ? plainQuery.apply(this, args) : plainQuery.call(this, { name, text, values });
} as typeof pg.Client.prototype.query;

function openPostgres(url: string, poolSize: number, schema?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    Client: NamingClient,
    types: pgTypes as pg.CustomTypesConfig,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.kind === "sqlite"
    ? openSqlite(config.file, config.cacheMb)
    : openPostgres(config.url, config.poolSize, config.schema);
}
