import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseConfig } from "../../src/config.js";

/** Tests run on SQLite unless TEST_DATABASE_URL points at a PostgreSQL server (CI sets it). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;
export const TEST_DIALECT = TEST_DATABASE_URL ? "postgres" : "sqlite";

export type TestDatabase = { config: DatabaseConfig; drop(): Promise<void> };

/**
 * A database of its own for each test app: an in-memory SQLite database, or a fresh schema on the
 * PostgreSQL server (dropped afterwards), so test files run in parallel without seeing each other.
 */
export async function createTestDatabase(options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    return { config: { kind: "sqlite", file: options.sqliteFile ?? ":memory:" }, drop: async () => {} };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    config: { kind: "postgres", url: TEST_DATABASE_URL, poolSize: 10, schema },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
