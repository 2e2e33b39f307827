import { type Compilable, type CompiledQuery, createQueryId, type RawBuilder, sql } from "kysely";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/paging.js";
import { bulkStatement, type Executor, hotStatement, isPostgres } from "./client.js";

/**
 * Stands for argument `i` while the query is built (once, with nothing but these): the values of a
 * call are put in their places afterwards and never inspected.
 */
const MARK = "\u0000gatehouse-argument:";
const placeholder = (i: number) => `${MARK}${i}`;
const argumentOf = (value: unknown) =>
  typeof value === "string" && value.startsWith(MARK) ? Number(value.slice(MARK.length)) : null;

type Slot = { argument: number } | { constant: unknown };
type Prepared = { query: CompiledQuery; slots: Slot[] };

/**
 * A query on the hot path of every request (the session lookup, a page of a list), built with Kysely
 * and compiled to SQL once per dialect instead of on every call (building and compiling one costs
 * 10-40 µs of CPU and garbage, as much as SQLite takes to answer the session lookup). `build` must use its arguments as values only (a comparison, a
 * limit), never to choose the query's shape: it runs once, with stand-ins. A query with several shapes
 * is several prepared queries. Its SQL text runs as a hot statement (see hotStatement): named on
 * PostgreSQL, so its result columns must be named (no `t.*`), and read as arrays on SQLite.
 * `bulk`: a read of a table's worth of rows, in no order, read as JSON text on SQLite (bulkStatement).
 */
export function preparedQuery<Args extends unknown[], Row>(
  build: (db: Executor, ...args: Args) => Compilable<Row>,
  { bulk = false }: { bulk?: boolean } = {},
): (db: Executor, ...args: Args) => Promise<Row[]> {
  const byDialect = new Map<"postgres" | "sqlite", Prepared>();
  return async (db, ...args) => {
    const dialect = isPostgres(db) ? "postgres" : "sqlite";
    let prepared = byDialect.get(dialect);
    if (prepared === undefined) {
      prepared = prepare(db, build, args.length);
      if (bulk) bulkStatement(prepared.query.sql);
      else hotStatement(prepared.query.sql);
      byDialect.set(dialect, prepared);
    }
    const parameters = prepared.slots.map((slot) =>
      "argument" in slot ? args[slot.argument] : slot.constant,
    );
    const result = await db.executeQuery<Row>({ ...prepared.query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

function prepare<Args extends unknown[]>(
  db: Executor,
  build: (db: Executor, ...args: Args) => Compilable<unknown>,
  arity: number,
): Prepared {
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as Args;
  const query = build(db, ...placeholders).compile();
  const slots = query.parameters.map((value): Slot => {
    const argument = argumentOf(value);
    return argument === null ? { constant: value } : { argument };
  });
  // An argument that reached the SQL text (an identifier, a literal) would be frozen at its first value.
  if (query.sql.includes(MARK)) {
    throw new Error(`preparedQuery: arguments must be values of the query, not SQL (${query.sql})`);
  }
  return { query, slots };
}

/** The rows a page asks for, as a query's LIMIT: a value, or written into the SQL (see preparedPageQuery). */
export type PageLimit = number | RawBuilder<number>;

/**
 * LIMITs written into a page query's SQL rather than passed as values: a page of the API's default size
 * or of its largest (src/domain/paging.ts), plus the row that tells whether another page follows.
 */
const PAGE_LIMITS: readonly number[] = [DEFAULT_PAGE_SIZE + 1, MAX_PAGE_SIZE + 1];

/**
 * A preparedQuery for a page, whose LIMIT is in the SQL text for the usual page sizes. PostgreSQL plans
 * a named statement once for any values (a generic plan) only when that plan is estimated no costlier
 * than one made for the values at hand; a LIMIT that is a parameter counts as a tenth of the rows, so
 * the generic plan of a page always loses and the page is planned again on every run (0.2-0.3 ms, as
 * long as running it). With the LIMIT in the text, the generic plan is kept. Other sizes are a value:
 * a statement for each size a client asks for would multiply the statements every connection keeps.
 * `literalLimits`: the LIMITs to write into the text (default: the API's page sizes, plus one).
 */
export function preparedPageQuery<Args extends unknown[], Row>(
  build: (db: Executor, limit: PageLimit, ...args: Args) => Compilable<Row>,
  literalLimits: readonly number[] = PAGE_LIMITS,
): (db: Executor, limit: number, ...args: Args) => Promise<Row[]> {
  const anyLimit = preparedQuery((db: Executor, limit: number, ...args: Args) => build(db, limit, ...args));
  const byLimit = new Map<number, (db: Executor, ...args: Args) => Promise<Row[]>>();
  return (db, limit, ...args) => {
    if (!literalLimits.includes(limit)) return anyLimit(db, limit, ...args);
    let select = byLimit.get(limit);
    if (select === undefined) {
      select = preparedQuery((db: Executor, ...args: Args) => build(db, sql.lit(limit), ...args));
      byLimit.set(limit, select);
    }
    return select(db, ...args);
  };
}
