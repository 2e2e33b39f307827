import { pipeline, type Readable } from "node:stream";
import { parse } from "csv-parse";
import { findImportByKey, insertImport, lastImportedLine, updateImport } from "../../db/queries/imports.js";
import type { ImportRow } from "../../db/schema.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import {
  detectImportFormat,
  emptyCounts,
  IMPORT_CHUNK_ROWS,
  type ImportFormat,
} from "../../domain/imports.js";
import { newId } from "../../lib/ids.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { resolveInvitationTeam } from "../invitations/invitation-rules.js";
import { recordAuditEvents } from "../shared/record-audit-event.js";
import { assertPlanCanInvite, requireOrg } from "../shared/require.js";
import { type ImportLink, type ImportRecord, writeImportChunk } from "./write-import-chunk.js";

export type { ImportLink } from "./write-import-chunk.js";

export type RunImportInput = {
  orgId: string;
  /** Opened once; the CSV is parsed as a stream and never held whole. */
  open: () => Readable;
  /** SHA-256 (hex) of the whole file, known before the run (the caller hashed it while spooling). */
  sha256: string;
  /** Ties the file to this import: a retry with the same key and file resumes or returns it. */
  idempotencyKey: string | null;
  dryRun: boolean;
  /** After each committed chunk: rows done so far. */
  onProgress?: (done: number) => void;
  /** After each committed chunk: the links of the invitations it created (their tokens exist nowhere else). */
  onInvited?: (links: readonly ImportLink[]) => void | Promise<void>;
};

export type ImportResult = { import: ImportRow; replayed: boolean; resumedAfterLine: number };

/**
 * A CSV of invitations, streamed: the parser is read with backpressure and its records handed to
 * `writeImportChunk` ~500 at a time, one transaction each, so memory holds one chunk whatever the
 * file's size. Every record goes through the single invitation's rules (role caps by the importer's
 * role, plan, seat limit, already a member, already invited) and gets exactly one `import_rows` entry;
 * a failing record does not stop the rest. Killed midway, the same key and file resume after the last
 * committed chunk.
 */
export async function runImport(ctx: ServiceContext, input: RunImportInput): Promise<ImportResult> {
  const org = await requireOrg(ctx.db, input.orgId);
  assertPlanCanInvite(org);
  // The plan's team rules with no team chosen, as a single invitation without a team.
  const team = await resolveInvitationTeam(ctx.db, org, { teamId: null, teamRole: null });

  const key = input.dryRun ? null : input.idempotencyKey;
  const existing = key === null ? undefined : await findImportByKey(ctx.db, org.id, key);
  if (existing && existing.file_sha256 !== input.sha256) {
    throw new AppError("IMPORT_KEY_REUSED", { details: { importId: existing.id } });
  }
  if (existing?.status === "completed") return { import: existing, replayed: true, resumedAfterLine: 0 };

  const resumeAfter = existing ? await lastImportedLine(ctx.db, existing.id) : 0;
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
  // A failing source (a dropped upload, an unreadable file) destroys the parser with its error, so the
  // loop below ends with it instead of waiting forever.
  pipeline(input.open(), parser, () => {});
  let format: ImportFormat | null = null;
  let line = 0;
  let chunk: ImportRecord[] = [];
  let current: ImportRow | null = existing ?? null;
  let done = resumeAfter > 0 ? resumeAfter - 1 : 0;

  const flush = async () => {
    if (chunk.length === 0 || current === null || format === null) return;
    const rows = chunk;
    chunk = [];
    const links = await writeImportChunk(ctx, org, current, format, rows, team);
    done += rows.length;
    input.onProgress?.(done);
    if (links.length > 0) await input.onInvited?.(links);
  };

  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      if (format === null) {
        format = detectImportFormat(cells);
        if (current === null) current = await startImport(ctx, org.id, key, input, format);
        continue;
      }
      if (line <= resumeAfter) continue;
      chunk.push({ line, cells });
      if (chunk.length >= IMPORT_CHUNK_ROWS) await flush();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const parseError = error as { code?: string; lines?: number; message?: string };
    if (typeof parseError.code === "string" && parseError.code.startsWith("CSV_")) {
      throw new AppError("VALIDATION_FAILED", {
        message: `The CSV cannot be read near line ${parseError.lines ?? line + 1}: ${parseError.message ?? parseError.code}. Fix the file (close every quoted field) and upload it again with the same key to resume.`,
        details: { line: parseError.lines ?? line + 1 },
      });
    }
    throw error;
  }
  if (format === null) {
    throw new AppError("IMPORT_HEADER_INVALID", {
      message: "The CSV file is empty: it needs a header line.",
    });
  }
  await flush();
  if (current === null) current = await startImport(ctx, org.id, key, input, format);
  const finished = await finishImport(ctx, current.id);
  return { import: finished, replayed: false, resumedAfterLine: Math.max(0, resumeAfter - 1) };
}

async function startImport(
  ctx: ServiceContext,
  orgId: string,
  key: string | null,
  input: RunImportInput,
  format: ImportFormat,
): Promise<ImportRow> {
  const now = ctx.clock.now().toISOString();
  const row: ImportRow = {
    id: newId(),
    org_id: orgId,
    idempotency_key: key,
    file_sha256: input.sha256,
    format,
    dry_run: input.dryRun ? 1 : 0,
    status: "running",
    total_rows: 0,
    ...emptyCounts(),
    created_by: actorUserId(ctx),
    source: ctx.actor.source,
    created_at: now,
    finished_at: null,
  };
  try {
    await inTransaction(ctx.db, async (trx) => {
      await insertImport(trx, row);
      await recordAuditEvents(trx, ctx, [
        {
          orgId,
          action: "import.started",
          target: { type: "import", id: row.id },
          after: { format, dryRun: input.dryRun, sha256: input.sha256 },
        },
      ]);
    });
  } catch (error) {
    // Two uploads with one key at once: the unique index lets one in; the other reports it.
    const other = key === null ? undefined : await findImportByKey(ctx.db, orgId, key);
    if (other) {
      throw new AppError(other.file_sha256 === input.sha256 ? "IMPORT_IN_PROGRESS" : "IMPORT_KEY_REUSED", {
        details: { importId: other.id },
      });
    }
    throw error;
  }
  return row;
}

async function finishImport(ctx: ServiceContext, importId: string): Promise<ImportRow> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom("imports")
      .selectAll()
      .where("id", "=", importId)
      .executeTakeFirstOrThrow();
    if (row.status === "completed") return row;
    const finishedAt = ctx.clock.now().toISOString();
    await updateImport(trx, importId, { status: "completed", finished_at: finishedAt });
    await recordAuditEvents(trx, ctx, [
      {
        orgId: row.org_id,
        action: "import.completed",
        target: { type: "import", id: importId },
        after: {
          total: row.total_rows,
          invited: row.invited,
          already_member: row.already_member,
          already_invited: row.already_invited,
          duplicate_in_file: row.duplicate_in_file,
          invalid: row.invalid,
        },
      },
    ]);
    return { ...row, status: "completed" as const, finished_at: finishedAt };
  });
}
