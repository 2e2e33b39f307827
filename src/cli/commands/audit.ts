import { Command } from "commander";
import { openDeps } from "../../deps.js";
import { AppError } from "../../domain/errors.js";
import { verifyAuditChains } from "../../services/audit/verify-audit-chain.js";
import type { CliIo } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

export function auditCommand(io: CliIo): Command {
  const audit = new Command("audit").description("Audit trail tools");
  audit.addCommand(
    withDatabaseOptions(new Command("verify"))
      .description(
        "Walk the audit trail's hash chains and report the first edited, removed or reordered entry (exit 1 when one is found)",
      )
      .option("--org <id>", "verify one organization's chain only")
      .action(async (options: Record<string, unknown>) => {
        const deps = await openDeps(configFrom(options));
        try {
          const orgId = typeof options.org === "string" ? options.org : undefined;
          const reports = await verifyAuditChains(deps.db, orgId ? { orgId } : {});
          const broken = reports.filter((r) => r.problem);
          for (const report of reports) {
            io.stdout.write(
              report.problem
                ? `BROKEN ${report.chainId}: ${report.problem.message}\n`
                : `ok     ${report.chainId}: ${report.entries} entries\n`,
            );
          }
          if (reports.length === 0) io.stdout.write("No audit events yet.\n");
          if (broken.length > 0) {
            throw new AppError("AUDIT_CHAIN_BROKEN", {
              message: `${broken.length} audit chain(s) broken, first: ${broken[0]?.problem?.message}. Restore the database from a backup taken before that point, or keep this report as evidence.`,
              details: { chains: broken.map((b) => b.chainId) },
            });
          }
        } finally {
          await deps.close();
        }
      }),
  );
  return audit;
}
