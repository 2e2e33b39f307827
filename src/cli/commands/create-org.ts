import { Command } from "commander";
import { openDeps } from "../../deps.js";
import { systemContext } from "../../services/context.js";
import { createOrganization } from "../../services/orgs/create-organization.js";
import type { CliIo } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";
import { orgAndAdminFrom, readPassword, withOrgAndAdminOptions } from "./admin-options.js";

export function createOrgCommand(io: CliIo): Command {
  return withOrgAndAdminOptions(withDatabaseOptions(new Command("create-org")))
    .description(
      "Host another organization on this instance. An existing account becomes its admin; a new one needs --admin-password-stdin. Prints the org id.",
    )
    .action(async (options: Record<string, unknown>) => {
      const password = options.adminPasswordStdin ? await readPassword(io) : undefined;
      const deps = await openDeps(configFrom(options));
      try {
        const input = orgAndAdminFrom(options);
        const result = await createOrganization(systemContext(deps, "cli"), {
          name: input.orgName,
          plan: input.plan,
          admin: {
            email: input.adminEmail,
            name: input.adminName,
            ...(password !== undefined && { password }),
          },
        });
        io.stdout.write(`${result.org.id}\n`);
      } finally {
        await deps.close();
      }
    });
}
