import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Executor } from "./client.js";
import { preparedQuery } from "./prepared-query.js";

const db = new Kysely<never>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
afterAll(() => db.destroy());
const executor = db as unknown as Executor;

describe("preparedQuery", () => {
  it("runs the query compiled once with each call's values, constants kept", async () => {
    await sql`create table t (id integer primary key, org text, kind text)`.execute(db);
    await sql`insert into t values (1, 'a', 'x'), (2, 'a', 'y'), (3, 'b', 'x'), (4, 'a', 'x')`.execute(db);
    const select = preparedQuery((db: Executor, org: string, after: number, limit: number) =>
      (db as unknown as Kysely<{ t: { id: number; org: string; kind: string } }>)
        .selectFrom("t")
        .select("id")
        .where("org", "=", org)
        .where("kind", "=", "x")
        .where("id", ">", after)
        .orderBy("id")
        .limit(limit),
    );
    expect(await select(executor, "a", 0, 10)).toEqual([{ id: 1 }, { id: 4 }]);
    expect(await select(executor, "a", 1, 10)).toEqual([{ id: 4 }]);
    expect(await select(executor, "b", 0, 10)).toEqual([{ id: 3 }]);
    expect(await select(executor, "a", 0, 1)).toEqual([{ id: 1 }]);
  });

  it("refuses an argument that would become SQL text instead of a value", async () => {
    const select = preparedQuery((db: Executor, column: string) =>
      (db as unknown as Kysely<{ t: { id: number } }>).selectFrom("t").select(sql.ref(column).as("c")),
    );
    await expect(select(executor, "id")).rejects.toThrow(/values of the query/);
  });
});
