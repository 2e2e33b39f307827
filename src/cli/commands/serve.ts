import { Command } from "commander";
import { startServer } from "../../server.js";
import { configFrom, describeDatabase, withDatabaseOptions } from "../options.js";

export function serveCommand(): Command {
  return withDatabaseOptions(new Command("serve"))
    .description("Migrate the database and serve the API and console")
    .option("--port <port>", "port to listen on (env PORT, default 3000)")
    .option("--host <host>", "interface to listen on (env HOST, default 0.0.0.0)")
    .option("--public-url <url>", "URL users reach Gatehouse at, for links and cookies (env PUBLIC_URL)")
    .option("--log-level <level>", "fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default info)")
    .action(async (options: Record<string, unknown>) => {
      const config = configFrom(options);
      const server = await startServer(config);
      const out = process.stdout;
      out.write(`\nGatehouse is running at ${config.publicUrl.origin} (${describeDatabase(config)})\n`);
      out.write(`  API docs: ${new URL("/api/v1/docs", config.publicUrl)}\n`);
      if (server.setupUrl) {
        out.write("\n  No organization exists yet. Open this one-time link to create yours:\n");
        out.write(`\n    ${server.setupUrl}\n\n`);
        out.write("  (or run `gatehouse setup --help` to do it from the command line)\n\n");
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.app.log.info({ signal }, "shutting down");
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
}
