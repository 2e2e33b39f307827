import { Command } from "commander";
import { openDatabase } from "../../db/client.js";
import { migrateToLatest } from "../../db/migrate.js";
import type { CliIo } from "../io.js";
import { configFrom, describeDatabase, withDatabaseOptions } from "../options.js";

export function migrateCommand(io: CliIo): Command {
  return withDatabaseOptions(new Command("migrate"))
    .description("Bring the database schema up to date (serve also does this when it starts)")
    .action(async (options: Record<string, unknown>) => {
      const config = configFrom(options);
      const database = openDatabase(config.database);
      try {
        const result = await migrateToLatest(database);
        const applied =
          result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
        io.stdout.write(
          applied.length
            ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(", ")}\n`
            : `${describeDatabase(config)} is up to date.\n`,
        );
      } finally {
        await database.close();
      }
    });
}
