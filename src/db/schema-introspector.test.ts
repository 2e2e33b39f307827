import { type Kysely, PostgresIntrospector, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../../test/harness/database.js";
import { type Database, openDatabase } from "./client.js";
import { migrateToLatest } from "./migrate.js";

describe.skipIf(!TEST_DATABASE_URL)("introspection on PostgreSQL (CurrentSchemaIntrospector)", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let sibling: string;
  let admin: pg.Client;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = openDatabase(testDatabase.config);
    await migrateToLatest(database);
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL ?? "" });
    await admin.connect();
    sibling = `${(testDatabase.config as { schema: string }).schema}_sibling`;
    await admin.query(`create schema ${sibling}; create table ${sibling}.orgs (id text primary key)`);
  }, 60_000);

  afterAll(async () => {
    await admin.query(`drop schema if exists ${sibling} cascade`);
    await admin.end();
    await database.close();
    await testDatabase.drop();
  }, 60_000);

  it("lists our schema's tables only, with the metadata Kysely's own introspector gives for them", async () => {
    const db = database.db as unknown as Kysely<unknown>;
    await sql`comment on column orgs.name is 'shown in the console'`.execute(db);
    const schema = (testDatabase.config as { schema: string }).schema;
    for (const withInternalKyselyTables of [false, true]) {
      const ours = await db.introspection.getTables({ withInternalKyselyTables });
      const kyselys = (await new PostgresIntrospector(db).getTables({ withInternalKyselyTables })).filter(
        (table) => table.schema === schema,
      );
      expect(ours.length).toBeGreaterThan(10);
      expect(ours.every((table) => table.schema === schema)).toBe(true);
      expect(ours.some((table) => table.name === "kysely_migration")).toBe(withInternalKyselyTables);
      // Kysely leaves `comment` undefined where there is none; ours leaves it out.
      expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(kyselys)));
    }
    const orgs = (await db.introspection.getTables()).find((table) => table.name === "orgs");
    expect(orgs?.columns.find((column) => column.name === "name")?.comment).toBe("shown in the console");
    expect((await db.introspection.getSchemas()).map((s) => s.name)).toEqual(
      expect.arrayContaining([schema, sibling]),
    );
  }, 60_000);

  it("migrates while another session creates and drops schemas (Kysely's own introspector fails there)", async () => {
    // Kysely's PostgreSQL introspector calls has_schema_privilege on every schema's name, which raises
    // 3F000 for a schema dropped while the query runs: a few percent of its runs failed in this loop.
    let stop = false;
    let churned = 0;
    const churner = (async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL ?? "" });
      await client.connect();
      try {
        for (let i = 0; !stop; i++) {
          const schema = `${sibling}_${i}`;
          await client.query(`create schema ${schema}; create table ${schema}.t (a int, b text)`);
          await client.query(`drop schema ${schema} cascade`);
          churned++;
        }
      } finally {
        await client.end();
      }
    })();
    try {
      for (let run = 0; run < 150; run++) {
        const result = await migrateToLatest(database);
        expect(result.results).toEqual([]);
      }
    } finally {
      stop = true;
      await churner;
    }
    expect(churned).toBeGreaterThan(10);
  }, 120_000);
});
