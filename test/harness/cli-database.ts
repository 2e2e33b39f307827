import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createTestDatabase, TEST_DATABASE_URL } from "./database.js";

export type CliDatabase = {
  /** The flags that point the `gatehouse` command at this database. */
  args: string[];
  /** Runs SQL straight on the database (positional parameters: `?` on SQLite, `$1` on PostgreSQL). */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
};

/** The database flags for this run: a fresh SQLite data dir, or a fresh schema on TEST_DATABASE_URL. */
export async function cliDatabase(): Promise<CliDatabase> {
  if (TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    const schema = database.config.kind === "postgres" ? database.config.schema : "";
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return {
      args: ["--database-url", url.toString()],
      async query(text, params = []) {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          return (await client.query(text, params)).rows;
        } finally {
          await client.end();
        }
      },
      cleanup: () => database.drop(),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-cli-"));
  return {
    args: ["--data-dir", dir],
    async query(text, params = []) {
      const db = new Database(path.join(dir, "gatehouse.db"));
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
