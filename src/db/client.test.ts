import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DATABASE_URL } from "../../test/harness/database.js";
import { bulkStatement, hotStatement, isoFromTimestamptz, openDatabase } from "./client.js";

describe("isoFromTimestamptz", () => {
  it("gives what Date#toISOString gives for every text form PostgreSQL sends", () => {
    for (const value of [
      "2026-12-06 07:04:02+00",
      "2026-12-06 07:04:02.1+00",
      "2026-12-06 07:04:02.12+00",
      "2026-12-06 07:04:02.123+00",
      "2026-12-06 07:04:02.123456+00",
      "2026-12-06 07:04:02.999999+00",
      "2024-02-29 23:59:59.000001+00",
      // Not a UTC session: through Date.
      "2026-12-06 08:04:02.5+01",
      "2026-12-06 02:34:02.25-04:30",
    ]) {
      expect(isoFromTimestamptz(value)).toBe(new Date(value).toISOString());
    }
  });
});

describe("hot statements on SQLite (rows read as arrays)", () => {
  it("give the rows, nulls and types the plain statement gives, streamed too; writes run as before", async () => {
    const { db, close } = openDatabase({ kind: "sqlite", file: ":memory:" });
    try {
      await sql`create table h (id integer primary key, name text, score real, note text)`.execute(db);
      await sql`insert into h values (1, 'a', 1.5, null), (2, 'b', null, 'x'), (3, 'c', 3, 'y')`.execute(db);
      const h = db as unknown as Kysely<{
        h: { id: number; name: string; score: number | null; note: string | null };
      }>;
      const select = (tag: string) =>
        h
          .selectFrom("h")
          .select(["id", "name", "score", "note", sql.lit(tag).as("tag")])
          .where("id", ">=", 2)
          .orderBy("id");
      const plain = await select("plain").execute();
      // A statement text of its own, marked hot before its first run: read as arrays.
      const hot = select("hot");
      hotStatement(hot.compile().sql);
      const rows = await hot.execute();
      expect(rows).toEqual(plain.map((row) => ({ ...row, tag: "hot" })));
      expect(rows.map((row) => Object.keys(row))).toEqual([
        ["id", "name", "score", "note", "tag"],
        ["id", "name", "score", "note", "tag"],
      ]);
      expect(await hot.execute()).toEqual(rows);
      const streamed: unknown[] = [];
      for await (const row of hot.stream()) streamed.push(row);
      expect(streamed).toEqual(rows);

      // Columns that share a name: better-sqlite3's rows (the last one wins), as for any statement.
      const twice = sql<Record<string, unknown>>`select id, name as id from h where id = ${1}`;
      const twiceText = twice.compile(db).sql;
      hotStatement(twiceText);
      expect((await twice.execute(db)).rows).toEqual([{ id: "a" }]);

      const update = sql`update h set note = ${"z"} where id = ${3}`;
      hotStatement(update.compile(db).sql);
      expect((await update.execute(db)).numAffectedRows).toBe(1n);
      expect((await sql<{ note: string }>`select note from h where id = 3`.execute(db)).rows).toEqual([
        { note: "z" },
      ]);
    } finally {
      await close();
    }
  });
});

describe("bulk statements on SQLite (rows read as one JSON text)", () => {
  type B = { id: number; name: string | null; n: number | null; r: number | null };
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

  it("give the rows the plain statement gives, whatever the text, numbers and nulls in them", async () => {
    const { db, close } = openDatabase({ kind: "sqlite", file: ":memory:" });
    try {
      await sql`create table b (id integer primary key, name text, n integer, r real)`.execute(db);
      const names = [
        'a "quoted" name',
        "back\\slash, new\nline, tab\t, NUL \u0000 and U+2028 \u2028",
        "Zoë — the team’s 😀",
        "",
        '["looks", "like", "JSON"]',
        "\ud800 a lone surrogate",
        null,
      ];
      const numbers = [0, -1, 2 ** 53 - 1, 123456789012345678n, null, 42, 7];
      for (const [i, name] of names.entries())
        await sql`insert into b values (${i + 1}, ${name}, ${numbers[i]}, ${i === 0 ? 0.1 + 0.2 : null})`.execute(
          db,
        );
      const t = db as unknown as Kysely<{ b: B }>;
      // Two statement texts for the same rows: one plain, one marked before its first run.
      const plain = await t.selectFrom("b").select(["id", "name", "n"]).where("id", ">", 0).execute();
      const bulk = t.selectFrom("b").select(["id", "name", "n"]).where("id", ">=", 0);
      bulkStatement(bulk.compile().sql);
      const rows = await bulk.execute();
      expect(rows.sort(byId)).toEqual(plain.sort(byId));
      expect(rows.map((row) => Object.keys(row))[0]).toEqual(["id", "name", "n"]);
      expect(rows[1]?.name).toBe(names[1]);
      expect(rows[3]?.n).toBe(Number(123456789012345678n));
      // Streamed, and read again from the kept statement.
      const streamed: unknown[] = [];
      for await (const row of bulk.stream()) streamed.push(row);
      expect(streamed.sort(byId as never)).toEqual(rows);
      expect((await bulk.execute()).sort(byId)).toEqual(rows);

      // A real, and an expression (no declared type): read as rows, the same values.
      const withReal = t.selectFrom("b").select(["id", "r", sql<number>`n * 2`.as("twice")]);
      const plainReal = await withReal.where("id", "<", 4).execute();
      const bulkReal = withReal.where("id", "<", 5);
      bulkStatement(bulkReal.compile().sql);
      expect((await bulkReal.execute()).sort(byId).slice(0, 3)).toEqual(plainReal.sort(byId));
      expect((await bulkReal.execute()).find((row) => row.id === 1)?.r).toBe(0.1 + 0.2);

      // Nothing to read.
      const none = t.selectFrom("b").select(["id", "name"]).where("id", "<", 0);
      bulkStatement(none.compile().sql);
      expect(await none.execute()).toEqual([]);
    } finally {
      await close();
    }
  });

  it("read every row when there are more than one JSON text takes", async () => {
    const { db, close } = openDatabase({ kind: "sqlite", file: ":memory:" });
    try {
      await sql`create table b (id integer primary key, name text)`.execute(db);
      await sql`insert into b values (1, 'one'), (2, 'two'), (3, 'three')`.execute(db);
      const t = db as unknown as Kysely<{ b: Pick<B, "id" | "name"> }>;
      const upTo = (last: number) => t.selectFrom("b").select(["id", "name"]).where("id", "<=", last);
      const all = [
        { id: 1, name: "one" },
        { id: 2, name: "two" },
        { id: 3, name: "three" },
      ];
      // At most two rows in one text: three are read again as rows, as are two (the limit itself).
      for (const last of [1, 2, 3]) {
        const select = upTo(last);
        bulkStatement(select.compile().sql, 2);
        expect((await select.execute()).sort(byId)).toEqual(all.slice(0, last));
      }
    } finally {
      await close();
    }
  });
});

/** The test database on one connection: a statement's second run reuses what the first one named. */
async function onePostgresConnection(options: { namedStatements?: boolean } = {}) {
  const testDatabase = await createTestDatabase();
  if (testDatabase.config.kind !== "postgres") throw new Error("TEST_DATABASE_URL is not set");
  const database = openDatabase({ ...testDatabase.config, poolSize: 1, ...options });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
}

describe.skipIf(!TEST_DATABASE_URL)("hot statements on PostgreSQL (named statements)", () => {
  it("are made again after a column they return changes type, and after the server forgets them", async () => {
    const { db, close } = await onePostgresConnection();
    try {
      await sql`create table h (id integer primary key, score integer)`.execute(db);
      await sql`insert into h values (1, 7)`.execute(db);
      const select = sql<{ id: number; score: unknown }>`select id, score from h where id = ${1}`;
      hotStatement(select.compile(db).sql);
      expect((await select.execute(db)).rows).toEqual([{ id: 1, score: 7 }]);

      // A migration on another instance changes the result type under the kept statement.
      await sql`alter table h alter column score type text`.execute(db);
      expect((await select.execute(db)).rows).toEqual([{ id: 1, score: "7" }]);

      // A pooler resets the session: the server no longer has the statement.
      await sql`deallocate all`.execute(db);
      expect((await select.execute(db)).rows).toEqual([{ id: 1, score: "7" }]);
    } finally {
      await close();
    }
  });

  it("can be turned off (DATABASE_NAMED_STATEMENTS=false): the same rows, sent unnamed", async () => {
    const { db, close } = await onePostgresConnection({ namedStatements: false });
    try {
      const select = sql<{ n: number }>`select ${41}::int + 1 as n`;
      hotStatement(select.compile(db).sql);
      expect((await select.execute(db)).rows).toEqual([{ n: 42 }]);
      const named = await sql<{ n: string }>`select count(*)::int as n from pg_prepared_statements`.execute(
        db,
      );
      expect(named.rows).toEqual([{ n: 0 }]);
    } finally {
      await close();
    }
  });
});
