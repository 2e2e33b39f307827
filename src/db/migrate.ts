import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import type { Database } from "./client.js";
import { MIGRATIONS } from "./migrations/index.js";

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so
 * several instances starting at once migrate once. On PostgreSQL it sees only the schema our tables go
 * to (the dialect's CurrentSchemaIntrospector), so it neither finds the migration tables of another
 * Gatehouse in a sibling schema nor trips over a schema that another session drops meanwhile.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db as unknown as Kysely<unknown>,
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
