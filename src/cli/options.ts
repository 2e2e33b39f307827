import type { Command } from "commander";
import { type Config, type ConfigOverrides, loadConfig } from "../config.js";

/** Flags every command that opens the database shares; they override the environment. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option("--data-dir <dir>", "where the embedded SQLite database lives (env DATA_DIR, default ./data)")
    .option(
      "--database-url <url>",
      "a postgres:// URL to use PostgreSQL instead of SQLite (env DATABASE_URL)",
    );
}

export function configFrom(options: Record<string, unknown>): Config {
  const overrides: ConfigOverrides = {};
  if (typeof options.dataDir === "string") overrides.dataDir = options.dataDir;
  if (typeof options.databaseUrl === "string") overrides.databaseUrl = options.databaseUrl;
  if (typeof options.port === "string") overrides.port = Number(options.port);
  if (typeof options.host === "string") overrides.host = options.host;
  if (typeof options.publicUrl === "string") overrides.publicUrl = options.publicUrl;
  if (typeof options.logLevel === "string") overrides.logLevel = options.logLevel as Config["logLevel"];
  return loadConfig(undefined, overrides);
}

export function describeDatabase(config: Config): string {
  if (config.database.kind === "sqlite") return `SQLite at ${config.database.file}`;
  const url = new URL(config.database.url);
  url.password = url.password ? "***" : "";
  return `PostgreSQL at ${url.toString()}`;
}
