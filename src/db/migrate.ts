import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import type { Database } from "./client.js";
import { MIGRATIONS } from "./migrations/index.js";

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so
 * several instances starting at once migrate once.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  // Unless told a schema, Kysely looks for its migration tables in every schema it can see: with
  // another Gatehouse (or a test run) in a sibling PostgreSQL schema it finds theirs, skips creating
  // its own, and the migration fails. Keep them in the schema our tables go to.
  const migrationTableSchema = database.dialect === "postgres" ? await currentSchema(database.db) : null;
  const migrator = new Migrator({
    db: database.db as unknown as Kysely<unknown>,
    ...(migrationTableSchema && { migrationTableSchema }),
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          Object.entries(MIGRATIONS).map(([name, migration]) => [
            name,
            { up: (db: Kysely<unknown>) => migration.up(db, database.dialect) },
          ]),
        );
      },
    },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** The first schema of the search_path: where unqualified `create table` puts tables. */
async function currentSchema(db: Database["db"]): Promise<string | null> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? null;
}
