import { CompiledQuery, type Selectable } from "kysely";
import { type Executor, isPostgres } from "./client.js";
import type { DB } from "./schema.js";

/**
 * Every column of `Row`, in the order the INSERT lists them: `columnsOf<InvitationRow>()([...])` fails
 * the typecheck when a column is left out, so a column added to the table cannot silently take its
 * database default in a bulk insert.
 */
export function columnsOf<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(
    columns: C & (Exclude<keyof Row, C[number]> extends never ? unknown : "every column of the row"),
  ): C => columns;
}

/**
 * The most rows one statement carries. A batch is written as statements of 256, 128, ..., 1 rows (its
 * row count in binary), so each table has at most nine statement shapes: their SQL text is built once
 * and SQLite's prepared statements are reused (see `cacheStatements`), where a statement per batch
 * size would prepare (and keep) a new one for every count. 256 rows of our widest table (21 columns)
 * is 5,376 parameters; a wider table gets fewer rows a statement, to stay under SQLite's 32,766
 * bound parameters (PostgreSQL takes 65,535).
 */
const MAX_ROWS_PER_STATEMENT = 256;
const MAX_PARAMETERS = 32_766;

const sqlCache = new Map<string, string>();

function insertSql(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? "pg" : "sqlite"}\u0000${table}\u0000${columns.join(",")}\u0000${rows}`;
  const cached = sqlCache.get(key);
  if (cached !== undefined) return cached;
  const width = columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 1; c <= width; c++) marks.push(postgres ? `$${r * width + c}` : "?");
    tuples.push(`(${marks.join(", ")})`);
  }
  // Identifiers come from our own typed column lists, never from input; every value is a parameter.
  const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${tuples.join(", ")}`;
  sqlCache.set(key, text);
  return text;
}

/**
 * A multi-row INSERT of `rows` (all of them, in order), compiled directly: the values go straight into
 * the statement's parameter list. Kysely's `insertInto().values(rows)` builds and compiles an
 * operation-node tree with a node per value; for the thousands of values of a bulk write (an import
 * chunk, its audit entries) that tree was most of what the write allocated, and it is the same
 * statement either way. One code path for SQLite and PostgreSQL: only the placeholders differ.
 */
export async function insertRows<T extends keyof DB & string>(
  db: Executor,
  table: T,
  columns: readonly (keyof Selectable<DB[T]> & string)[],
  rows: readonly Selectable<DB[T]>[],
): Promise<void> {
  const postgres = isPostgres(db);
  const width = columns.length;
  let largest = MAX_ROWS_PER_STATEMENT;
  while (largest > 1 && largest * width > MAX_PARAMETERS) largest >>= 1;
  let start = 0;
  for (let size = largest; size >= 1; size >>= 1) {
    while (rows.length - start >= size) {
      const parameters: unknown[] = new Array(size * width);
      let p = 0;
      for (let r = start; r < start + size; r++) {
        const row = rows[r] as Record<string, unknown>;
        for (let c = 0; c < width; c++) parameters[p++] = row[columns[c] as string];
      }
      await db.executeQuery(CompiledQuery.raw(insertSql(postgres, table, columns, size), parameters));
      start += size;
    }
  }
}
