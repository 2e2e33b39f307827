import { closeSync, createReadStream, fstatSync, fsyncSync, openSync, writeSync } from "node:fs";
import { Command } from "commander";
import { openDeps } from "../../deps.js";
import { IMPORT_OUTCOMES } from "../../domain/imports.js";
import { systemContext } from "../../services/context.js";
import { csvCell } from "../../services/imports/list-import-rows.js";
import { runImport } from "../../services/imports/run-import.js";
import { sha256OfFile } from "../../services/imports/spool-csv.js";
import type { CliIo } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

/** Data lines of the file (newlines after the header), streamed: the progress bar's 100 %. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const piece of createReadStream(path)) {
    const buffer = piece as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines += 1;
    last = buffer[buffer.length - 1] ?? last;
  }
  if (last !== 10) lines += 1;
  return Math.max(0, lines - 1);
}

function progressReporter(io: CliIo, total: number) {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let lastPlain = 0;
  return {
    update(done: number) {
      if (tty) {
        const share = total === 0 ? 1 : Math.min(1, done / total);
        const width = 30;
        const filled = Math.round(share * width);
        io.stderr.write(
          `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total} rows`,
        );
      } else if (done - lastPlain >= 5000 || done >= total) {
        lastPlain = done;
        io.stderr.write(`imported ${done}/${total} rows\n`);
      }
    },
    end() {
      if (tty) io.stderr.write("\n");
    },
  };
}

export function importCommand(io: CliIo): Command {
  return withDatabaseOptions(new Command("import"))
    .description(
      "Invite everyone in a CSV: email,role,department,message or email,first_name,last_name,role,department,manager_email. Re-running the same file resumes an interrupted import and creates nothing twice.",
    )
    .argument("<file>", "the CSV file")
    .requiredOption("--org <id>", "the organization to invite into")
    .option("--dry-run", "report what would happen to every row without inviting anyone")
    .option("--idempotency-key <key>", "ties the file to one import (default: the file's sha256)")
    .option(
      "--links-out <file>",
      "append email,link of each created invitation to this file (the links exist nowhere else)",
    )
    .action(async (file: string, options: Record<string, unknown>) => {
      const sha256 = await sha256OfFile(file);
      const total = await countLines(file);
      const deps = await openDeps(configFrom(options));
      const linksFd = typeof options.linksOut === "string" ? openSync(options.linksOut, "a", 0o600) : null;
      if (linksFd !== null && fstatSync(linksFd).size === 0) writeSync(linksFd, "email,link\n");
      const progress = progressReporter(io, total);
      try {
        const result = await runImport(systemContext(deps, "cli"), {
          orgId: String(options.org),
          open: () => createReadStream(file),
          sha256,
          idempotencyKey: typeof options.idempotencyKey === "string" ? options.idempotencyKey : sha256,
          dryRun: options.dryRun === true,
          onProgress: (done) => progress.update(done),
          onInvited: (links) => {
            if (linksFd === null) return;
            writeSync(linksFd, links.map((link) => `${csvCell(link.email)},${csvCell(link.url)}\n`).join(""));
            fsyncSync(linksFd);
          },
        });
        progress.end();
        const run = result.import;
        const summary = [
          `${run.dry_run ? "Dry run" : "Import"} ${run.id}${result.replayed ? " (already completed earlier: nothing done)" : ""}${result.resumedAfterLine > 0 ? ` (resumed after ${result.resumedAfterLine} rows)` : ""}`,
          `rows: ${run.total_rows}`,
          ...IMPORT_OUTCOMES.map((outcome) => `${outcome}: ${run[outcome]}`),
        ];
        io.stdout.write(`${summary.join("\n")}\n`);
      } finally {
        if (linksFd !== null) closeSync(linksFd);
        await deps.close();
      }
    });
}
