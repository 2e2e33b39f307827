import { Command } from "commander";
import { openDeps } from "../../deps.js";
import { AppError } from "../../domain/errors.js";
import { systemContext } from "../../services/context.js";
import { completeSetup } from "../../services/setup/complete-setup.js";
import type { CliIo } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";
import { orgAndAdminFrom, readPassword, withOrgAndAdminOptions } from "./admin-options.js";

export function setupCommand(io: CliIo): Command {
  return withOrgAndAdminOptions(withDatabaseOptions(new Command("setup")))
    .description(
      "First run without a browser: create the organization and its first admin; prints the org id",
    )
    .action(async (options: Record<string, unknown>) => {
      if (!options.adminPasswordStdin) {
        throw new AppError("VALIDATION_FAILED", {
          message:
            "Pass --admin-password-stdin and pipe the admin's password in (it never goes on the command line).",
        });
      }
      const password = await readPassword(io);
      const deps = await openDeps(configFrom(options));
      try {
        const result = await completeSetup(systemContext(deps, "cli"), {
          ...orgAndAdminFrom(options),
          adminPassword: password,
        });
        io.stdout.write(`${result.org.id}\n`);
      } finally {
        await deps.close();
      }
    });
}
