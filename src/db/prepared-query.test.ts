import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Executor } from "./client.js";
import { type PageLimit, preparedPageQuery, preparedQuery } from "./prepared-query.js";

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

  it("pages with the usual LIMITs in the SQL and any other as a value, each call with its own values", async () => {
    await sql`create table p (id integer primary key, org text)`.execute(db);
    for (let i = 1; i <= 120; i++)
      await sql`insert into p values (${i}, ${i % 3 === 0 ? "b" : "a"})`.execute(db);
    const texts: string[] = [];
    const page = preparedPageQuery((db: Executor, limit: PageLimit, org: string, after: number) => {
      const query = (db as unknown as Kysely<{ p: { id: number; org: string } }>)
        .selectFrom("p")
        .select("id")
        .where("org", "=", org)
        .where("id", ">", after)
        .orderBy("id")
        .limit(limit);
      texts.push(query.compile().sql);
      return query;
    });
    const ids = (org: string, after: number, count: number) =>
      Array.from({ length: 120 }, (_, i) => i + 1)
        .filter((id) => (id % 3 === 0 ? "b" : "a") === org && id > after)
        .slice(0, count);
    for (const limit of [51, 7, 101, 51, 7, 2, 101]) {
      for (const [org, after] of [
        ["a", 0],
        ["b", 30],
        ["a", 100],
      ] as const) {
        expect((await page(executor, limit, org, after)).map((row) => row.id)).toEqual(
          ids(org, after, limit),
        );
      }
    }
    // Built once for any other limit (a parameter) and once for each usual one (a literal).
    expect(texts).toHaveLength(3);
    expect(texts.filter((text) => /limit 51$/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /limit 101$/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /limit \?$/.test(text))).toHaveLength(1);

    // LIMITs of the caller's choosing: those in the text, none of the page sizes.
    texts.length = 0;
    const feed = preparedPageQuery(
      (db: Executor, limit: PageLimit, org: string) => {
        const query = (db as unknown as Kysely<{ p: { id: number; org: string } }>)
          .selectFrom("p")
          .select("id")
          .where("org", "=", org)
          .orderBy("id", "desc")
          .limit(limit);
        texts.push(query.compile().sql);
        return query;
      },
      [7],
    );
    expect((await feed(executor, 7, "b")).map((row) => row.id)).toEqual([120, 117, 114, 111, 108, 105, 102]);
    expect((await feed(executor, 51, "b")).map((row) => row.id)).toHaveLength(40);
    expect(texts.map((text) => text.slice(text.lastIndexOf("limit")))).toEqual(["limit 7", "limit ?"]);
  });

  it("refuses an argument that would become SQL text instead of a value", async () => {
    const select = preparedQuery((db: Executor, column: string) =>
      (db as unknown as Kysely<{ t: { id: number } }>).selectFrom("t").select(sql.ref(column).as("c")),
    );
    await expect(select(executor, "id")).rejects.toThrow(/values of the query/);
  });
});
