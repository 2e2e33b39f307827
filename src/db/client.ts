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
import { CurrentSchemaIntrospector } from "./schema-introspector.js";

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

/** PostgreSQL whose introspection (used by the migrator) sees only our schema: see CurrentSchemaIntrospector. */
class SchemaScopedPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>) {
    return new CurrentSchemaIntrospector(db);
  }
}

/** The texts of the hot statements (see hotStatement), each with its name on PostgreSQL. */
const hotStatements = new Map<string, string>();

/**
 * Marks `sql`, the text of a statement on the hot path of every request (compiled once: see
 * preparedQuery), for the cheapest way each driver has to run it:
 * - PostgreSQL: a named statement on every connection. The server parses it once per connection and
 *   afterwards only binds values, where an unnamed statement is parsed and planned on every run
 *   (0.2-0.8 ms for the session lookup, four times what executing it takes). The server may then keep
 *   a generic plan, made for any values: the hot statements walk indexes whose order answers them for
 *   any value. Its result columns must not change while a connection keeps it: name them, no `t.*`.
 * - SQLite: rows read as arrays and made into objects of one shape by a function compiled for its
 *   columns; better-sqlite3 builds each row object property by property, which costs more than
 *   running a page's statement (measured: 51 member rows in 120 µs instead of 170 µs).
 */
export function hotStatement(sql: string): void {
  if (!hotStatements.has(sql)) hotStatements.set(sql, `gatehouse_${hotStatements.size + 1}`);
}

/** The bulk statements (see bulkStatement), with the most rows each reads as one JSON text. */
const bulkStatements = new Map<string, number>();

/** Rows a bulk statement reads as one JSON text: some 30 MB of it. Beyond, it reads rows as before. */
const BULK_MAX_ROWS = 250_000;

/**
 * Marks `sql`, a hot statement that reads a table's worth of rows (the decision engine's policy, tens
 * of thousands at 10,000 people, after every access change), for the cheapest way to read many rows:
 * - PostgreSQL: as any hot statement (named).
 * - SQLite: SQLite writes the rows as one JSON array of arrays (`json_group_array`), which JSON.parse
 *   reads, and the rows are made into objects as for any hot statement. better-sqlite3 builds each
 *   row's array and strings through V8's API, a call per value; JSON.parse builds them inside V8.
 *   The benchmark org's whole load (twenty reads, four of them bulk) took 40 ms instead of 48-50 ms
 *   this way, and 56 instead of 76 ms in a slower state of the machine.
 *   The order of the rows is not kept: mark only statements that do not sort. Only statements whose
 *   columns are all declared text or integer are read this way (JSON cannot hold a blob, and an
 *   expression could be one; SQLite would let a text column hold a blob too, which Gatehouse never
 *   writes). A read of `maxRows` rows or more (an org of a hundred thousand people
 *   or more) is read again as rows, so that the JSON text stays a few tens of MB.
 */
export function bulkStatement(sql: string, maxRows = BULK_MAX_ROWS): void {
  hotStatement(sql);
  bulkStatements.set(sql, maxRows);
}

/**
 * A reading statement whose rows are read as arrays (`raw`) and made into objects by a function
 * compiled for its columns, for what Kysely's driver calls (`reader`, `all`, `iterate`). A statement
 * that writes, or whose columns share a name, is left as it is.
 */
function withRowsFromArrays(statement: SQLite.Statement): SQLite.Statement {
  const reader = arrayReader(statement);
  return reader === null ? statement : (reader as unknown as SQLite.Statement);
}

type ArrayReader = {
  reader: true;
  all(...parameters: unknown[]): unknown[];
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
  /** Makes a row's object from its values, in the order of the statement's columns. */
  row: (values: unknown[]) => unknown;
  names: string[];
};

/** What withRowsFromArrays makes of a reading statement; null for one it leaves as it is. */
function arrayReader(statement: SQLite.Statement): ArrayReader | null {
  if (!statement.reader) return null;
  const names = statement.columns().map((column) => column.name);
  if (new Set(names).size !== names.length) return null;
  const row = new Function(
    "values",
    `return { ${names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(", ")} };`,
  ) as (values: unknown[]) => unknown;
  const raw = statement.raw(true);
  return {
    reader: true,
    all: (...parameters: unknown[]) => (raw.all(...parameters) as unknown[][]).map(row),
    *iterate(...parameters: unknown[]) {
      for (const values of raw.iterate(...parameters) as IterableIterator<unknown[]>) yield row(values);
    },
    row,
    names,
  };
}

/** Declared types of text or integer affinity, whose values JSON carries exactly (see bulkStatement). */
const JSON_EXACT_TYPE = /INT|CHAR|CLOB|TEXT/i;

/**
 * A bulk statement (see bulkStatement): `all` reads its rows as one JSON text, up to `maxRows` rows;
 * `iterate`, and reads of more rows, as withRowsFromArrays does. Statements it cannot read that way
 * are left to withRowsFromArrays.
 */
function withBulkRows(
  prepare: (source: string) => SQLite.Statement,
  statement: SQLite.Statement,
  source: string,
  maxRows: number,
): SQLite.Statement {
  const reader = arrayReader(statement);
  if (reader === null) return statement;
  // An expression has no declared type (null): it could be a blob, so it is read as rows.
  const exact = statement.columns().every((column) => JSON_EXACT_TYPE.test(column.type ?? ""));
  if (!exact) return reader as unknown as SQLite.Statement;
  const quoted = reader.names.map((name) => `"${name.replaceAll('"', '""')}"`).join(", ");
  let json: SQLite.Statement;
  try {
    json = prepare(
      `select json_group_array(json_array(${quoted})), count(*) from (select * from (${source}) limit ${maxRows})`,
    ).raw(true);
  } catch {
    // A SQLite built without its JSON functions (better-sqlite3 against the system's library).
    return reader as unknown as SQLite.Statement;
  }
  const all = (...parameters: unknown[]) => {
    const [text, count] = json.get(...parameters) as [string, number];
    if (count >= maxRows) return reader.all(...parameters);
    return (JSON.parse(text) as unknown[][]).map(reader.row);
  };
  return { ...reader, all } as unknown as SQLite.Statement;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of ours.
 * Queries are built from a fixed set of shapes, so their SQL text repeats: keep the prepared
 * statements, least recently used out first. The hot ones read their rows as arrays (see hotStatement).
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
    const prepared = prepare(source);
    const bulk = bulkStatements.get(source);
    const statement =
      bulk !== undefined
        ? withBulkRows(prepare, prepared, source, bulk)
        : hotStatements.has(source)
          ? withRowsFromArrays(prepared)
          : prepared;
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

/**
 * Errors after which a connection's named statement is made again: its result type changed under it
 * (a migration altered a column while this instance kept the statement: "cached plan must not change
 * result type"), or the server no longer has it (a pooler reset the session).
 */
const STALE_STATEMENT = new Set(["0A000", "26000"]);

type PlainQuery = (this: pg.Client, ...args: unknown[]) => Promise<unknown>;
const plainQuery = pg.Client.prototype.query as unknown as PlainQuery;

/** A pg client that sends the hot statements (see hotStatement) by name; any other as it is. */
class NamingClient extends pg.Client {}
NamingClient.prototype.query = async function query(this: pg.Client, ...args: unknown[]) {
  const [text, values] = args;
  const name = typeof text === "string" && args.length === 2 ? hotStatements.get(text) : undefined;
  if (name === undefined) return plainQuery.apply(this, args);
  try {
    return await plainQuery.call(this, { name, text, values });
  } catch (error) {
    if (!STALE_STATEMENT.has((error as { code?: string }).code ?? "")) throw error;
    // Forget it on both ends and run it again, once: outside a transaction this then succeeds.
    const connection = (this as unknown as { connection: { parsedStatements: Record<string, string> } })
      .connection;
    delete connection.parsedStatements[name];
    await plainQuery.call(this, `DEALLOCATE ${name}`).catch(() => undefined);
    return plainQuery.call(this, { name, text, values });
  }
} as unknown as typeof pg.Client.prototype.query;

function openPostgres(url: string, poolSize: number, schema?: string, namedStatements = true): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Behind a pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21,
    // or without max_prepared_statements): DATABASE_NAMED_STATEMENTS=false.
    ...(namedStatements && { Client: NamingClient }),
    types: pgTypes as pg.CustomTypesConfig,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  const db = new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.kind === "sqlite"
    ? openSqlite(config.file, config.cacheMb)
    : openPostgres(config.url, config.poolSize, config.schema, config.namedStatements);
}
