import { listImportRows as listImportRowsQuery } from "../../db/queries/imports.js";
import type { ImportRowRow } from "../../db/schema.js";
import type { ImportOutcome } from "../../domain/imports.js";
import type { ServiceContext } from "../context.js";
import { getImport } from "./get-import.js";

/** One page of an import's report in line order, optionally one outcome only. */
export async function listImportRows(
  ctx: ServiceContext,
  input: {
    orgId: string;
    importId: string;
    outcome?: ImportOutcome | undefined;
    afterLine: number;
    limit: number;
  },
): Promise<{ items: ImportRowRow[]; nextLine: number | null }> {
  await getImport(ctx, input);
  const rows = await listImportRowsQuery(ctx.db, input.importId, {
    outcome: input.outcome,
    afterLine: input.afterLine,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items, nextLine: rows.length > input.limit && last ? last.line : null };
}

/** Every row of the report as CSV lines, a page at a time (bounded memory for 100,000 rows). */
export async function* importRowsCsv(ctx: ServiceContext, input: { orgId: string; importId: string }) {
  await getImport(ctx, input);
  yield "line,email,outcome,reason,invitation_id\n";
  let afterLine = 0;
  for (;;) {
    const rows = await listImportRowsQuery(ctx.db, input.importId, { afterLine, limit: 1000 });
    if (rows.length === 0) return;
    yield rows
      .map((row) =>
        [String(row.line), row.email, row.outcome, row.reason ?? "", row.invitation_id ?? ""]
          .map(csvCell)
          .join(","),
      )
      .join("\n")
      .concat("\n");
    afterLine = rows[rows.length - 1]?.line ?? afterLine;
  }
}

/** Quoted when needed, and a leading = + - @ tab or CR defused so spreadsheet apps never run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
