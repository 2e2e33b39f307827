import { Command } from "commander";
import { auditCommand } from "./commands/audit.js";
import { countersCommand } from "./commands/counters.js";
import { createOrgCommand } from "./commands/create-org.js";
import { importCommand } from "./commands/import.js";
import { migrateCommand } from "./commands/migrate.js";
import { serveCommand } from "./commands/serve.js";
import { setupCommand } from "./commands/setup.js";
import type { CliIo } from "./io.js";

export function createProgram(io: CliIo): Command {
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
  };
  const program = new Command()
    .name("gatehouse")
    .description("Team access for AI workspaces: invitations, roles, teams.")
    .configureOutput(output);
  for (const command of [
    serveCommand(io),
    migrateCommand(io),
    setupCommand(io),
    createOrgCommand(io),
    importCommand(io),
    auditCommand(io),
    countersCommand(io),
  ]) {
    // Commands added with addCommand do not inherit these settings.
    program.addCommand(command.configureOutput(output).showHelpAfterError());
  }
  return program;
}
