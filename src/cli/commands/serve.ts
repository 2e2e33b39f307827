import { Command } from "commander";
import { startServer } from "../../server.js";
import type { CliIo } from "../io.js";
import { configFrom, describeDatabase, withDatabaseOptions } from "../options.js";

export function serveCommand(io: CliIo): Command {
  return withDatabaseOptions(new Command("serve"))
    .description("Migrate the database, then serve the API and the console")
    .option("--port <port>", "port to listen on (env PORT, default 3000)")
    .option("--host <host>", "interface to listen on (env HOST, default 0.0.0.0)")
    .option(
      "--public-url <url>",
      "URL users reach Gatehouse at, for links, cookies and CSRF checks (env PUBLIC_URL)",
    )
    .option("--log-level <level>", "fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default info)")
    .action(async (options: Record<string, unknown>) => {
      const config = configFrom(options);
      const server = await startServer(config);
      io.stdout.write(`\nGatehouse is running at ${config.publicUrl.origin} (${describeDatabase(config)})\n`);
      io.stdout.write(`  API docs: ${new URL("/api/v1/docs", config.publicUrl)}\n`);
      if (server.setupUrl) {
        io.stdout.write("\n  No organization exists yet. Open this one-time link to create yours:\n");
        io.stdout.write(`\n    ${server.setupUrl}\n\n`);
        io.stdout.write("  (or run `gatehouse setup --help` to do it from the command line)\n\n");
      }
      let stopping = false;
      io.onShutdownSignal((signal) => {
        if (stopping) return;
        stopping = true;
        server.app.log.info({ signal }, "shutting down: finishing in-flight requests");
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            io.stderr.write(`${String(error)}\n`);
            process.exit(1);
          },
        );
      });
    });
}
