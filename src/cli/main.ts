import { Command } from "commander";
import { ConfigError } from "../config.js";
import { isAppError } from "../domain/errors.js";
import { migrateCommand } from "./commands/migrate.js";
import { serveCommand } from "./commands/serve.js";
import { setupCommand } from "./commands/setup.js";

const program = new Command()
  .name("gatehouse")
  .description("Team access for AI workspaces: invitations, roles, teams.")
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(setupCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || isAppError(error)) {
    console.error(`gatehouse: ${error.message}`);
    process.exit(isAppError(error) ? 1 : 78);
  }
  throw error;
}
