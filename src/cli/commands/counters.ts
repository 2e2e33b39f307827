import { Command } from "commander";
import { openDeps } from "../../deps.js";
import { AppError } from "../../domain/errors.js";
import { checkInvitationCounters } from "../../services/invitations/check-invitation-counters.js";
import type { CliIo } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

export function countersCommand(io: CliIo): Command {
  const counters = new Command("counters").description("The Invitation Dashboard's counters");
  counters.addCommand(
    withDatabaseOptions(new Command("verify"))
      .description(
        "Recount each organization's invitations and compare with the dashboard's counters (exit 1 when they differ, unless --repair fixed them)",
      )
      .option("--org <id>", "check one organization only")
      .option("--repair", "rewrite the counters that differ from the recount")
      .action(async (options: Record<string, unknown>) => {
        const deps = await openDeps(configFrom(options));
        try {
          const reports = await checkInvitationCounters(deps, {
            ...(typeof options.org === "string" && { orgId: options.org }),
            repair: options.repair === true,
          });
          for (const report of reports) {
            if (report.drift.length === 0) {
              io.stdout.write(`ok       ${report.orgId}\n`);
              continue;
            }
            io.stdout.write(`${report.repaired ? "REPAIRED" : "DRIFTED "} ${report.orgId}\n`);
            for (const d of report.drift) {
              io.stdout.write(
                `         ${d.day ? `${d.counter} on ${d.day}` : d.counter}: stored ${d.stored}, counted ${d.counted}\n`,
              );
            }
          }
          if (reports.length === 0) io.stdout.write("No organizations yet.\n");
          const drifted = reports.filter((r) => r.drift.length > 0 && !r.repaired);
          if (drifted.length > 0) {
            throw new AppError("INVITATION_COUNTERS_DRIFTED", {
              details: { orgs: drifted.map((r) => r.orgId) },
            });
          }
        } finally {
          await deps.close();
        }
      }),
  );
  return counters;
}
