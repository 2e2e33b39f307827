import { type Command, Option } from "commander";
import { AppError } from "../../domain/errors.js";
import { PLANS, type Plan } from "../../domain/plans.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../security/passwords.js";
import { type CliIo, readAll } from "../io.js";

/** The organization and first-admin flags `setup` and `create-org` share. */
export function withOrgAndAdminOptions(command: Command): Command {
  return command
    .requiredOption("--org-name <name>", "the organization's name")
    .addOption(new Option("--plan <plan>", "the plan").choices(PLANS).makeOptionMandatory())
    .requiredOption("--admin-email <email>", "the first admin's email")
    .requiredOption("--admin-name <name>", "the first admin's name")
    .option(
      "--admin-password-stdin",
      "read the admin's password from standard input (keeps it out of shell history)",
    );
}

export type OrgAndAdmin = { orgName: string; plan: Plan; adminEmail: string; adminName: string };

export function orgAndAdminFrom(options: Record<string, unknown>): OrgAndAdmin {
  return {
    orgName: String(options.orgName),
    plan: options.plan as Plan,
    adminEmail: String(options.adminEmail),
    adminName: String(options.adminName),
  };
}

/** The password on stdin, without its trailing newline (`echo pw | gatehouse setup …`). */
export async function readPassword(io: CliIo): Promise<string> {
  const password = (await readAll(io.stdin)).replace(/\r?\n$/, "");
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The password read from standard input must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
    });
  }
  return password;
}
