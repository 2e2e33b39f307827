import { Command, Option } from "commander";
import { openDeps } from "../../deps.js";
import { PLANS, type Plan } from "../../domain/plans.js";
import { MIN_PASSWORD_LENGTH } from "../../security/passwords.js";
import { systemContext } from "../../services/context.js";
import { completeSetup } from "../../services/setup/complete-setup.js";
import { configFrom, withDatabaseOptions } from "../options.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function setupCommand(): Command {
  return withDatabaseOptions(new Command("setup"))
    .description("Create the first organization and its admin without a browser; prints the org id")
    .requiredOption("--org-name <name>", "the organization's name")
    .addOption(
      new Option("--plan <plan>", "free, team, business or enterprise").choices(PLANS).makeOptionMandatory(),
    )
    .requiredOption("--admin-email <email>", "the first admin's email")
    .requiredOption("--admin-name <name>", "the first admin's name")
    .requiredOption(
      "--admin-password-stdin",
      "read the admin's password from standard input (keeps it out of shell history)",
    )
    .action(async (options: Record<string, unknown>) => {
      const password = await readStdin();
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new Error(
          `The password read from standard input must be at least ${MIN_PASSWORD_LENGTH} characters.`,
        );
      }
      const deps = await openDeps(configFrom(options));
      try {
        const result = await completeSetup(systemContext(deps, "cli"), {
          orgName: String(options.orgName),
          plan: options.plan as Plan,
          adminEmail: String(options.adminEmail),
          adminName: String(options.adminName),
          adminPassword: password,
        });
        process.stdout.write(`${result.org.id}\n`);
      } finally {
        await deps.close();
      }
    });
}
