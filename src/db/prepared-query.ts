import { type Compilable, type CompiledQuery, createQueryId } from "kysely";
import { type Executor, isPostgres } from "./client.js";

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
 * is several prepared queries.
 */
export function preparedQuery<Args extends unknown[], Row>(
  build: (db: Executor, ...args: Args) => Compilable<Row>,
): (db: Executor, ...args: Args) => Promise<Row[]> {
  const byDialect = new Map<"postgres" | "sqlite", Prepared>();
  return async (db, ...args) => {
    const dialect = isPostgres(db) ? "postgres" : "sqlite";
    let prepared = byDialect.get(dialect);
    if (prepared === undefined) {
      prepared = prepare(db, build, args.length);
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
