import { pipeline, type Readable } from "node:stream";
import { parse } from "csv-parse";
import {
  emailsSeenInImport,
  findImportByKey,
  insertImport,
  insertImportRows,
  insertInvitationProfiles,
  insertInvitations,
  lastImportedLine,
  memberEmailsAmong,
  pendingInvitationEmailsAmong,
  updateImport,
} from "../../db/queries/imports.js";
import type {
  ImportRow,
  ImportRowRow,
  InvitationProfilesTable,
  InvitationRow,
  NewInvitation,
  OrgRow,
} from "../../db/schema.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import {
  detectImportFormat,
  emptyCounts,
  IMPORT_CHUNK_ROWS,
  type ImportCounts,
  type ImportFormat,
  type ParsedImportRow,
  parseImportRow,
} from "../../domain/imports.js";
import { DEFAULT_EXPIRY_DAYS, expiryFrom } from "../../domain/invitation.js";
import { assertCanGrantOrgRole } from "../../domain/permissions.js";
import { hasFreeSeat } from "../../domain/plans.js";
import { newId } from "../../lib/ids.js";
import {
  type InvitationEmailItem,
  isEmailDeliveryEnabled,
  queueInvitationEmails,
  sealInvitationToken,
} from "../../mail/queue-invitation-email.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { newInviteLink, resolveInvitationTeam } from "../invitations/invitation-rules.js";
import { type AuditEventInput, recordAuditEvents } from "../shared/record-audit-event.js";
import { actorOrgRole, assertPlanCanInvite, requireLockedOrg, requireOrg } from "../shared/require.js";
import { getSeatUsage, seatLimitOf } from "../shared/seats.js";
import { invitationSnapshot } from "../shared/views.js";

export type ImportLink = { email: string; url: string; invitationId: string };

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
 * A CSV of invitations, streamed: each chunk of ~500 records is one transaction holding its
 * invitations, profiles, report rows and audit events, written with multi-row inserts. Every record
 * goes through the single invitation's rules (role caps by the importer's role, plan, seat limit,
 * already a member, already invited) and gets exactly one `import_rows` entry; a failing record does
 * not stop the rest. Killed midway, the same key and file resume after the last committed chunk.
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
  let chunk: { line: number; cells: string[] }[] = [];
  let current: ImportRow | null = existing ?? null;
  let done = resumeAfter > 0 ? resumeAfter - 1 : 0;

  const flush = async () => {
    if (chunk.length === 0 || current === null || format === null) return;
    const rows = chunk;
    chunk = [];
    const links = await processChunk(ctx, org, current, format, rows, team);
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

/** One chunk, one transaction. Returns the links it created (empty on a dry run). */
async function processChunk(
  ctx: ServiceContext,
  org: OrgRow,
  run: ImportRow,
  format: ImportFormat,
  records: readonly { line: number; cells: string[] }[],
  team: { teamId: string | null; teamRole: NewInvitation["team_role"] },
): Promise<ImportLink[]> {
  const dryRun = run.dry_run === 1;
  const checked = records.map((record) => ({
    line: record.line,
    check: parseImportRow(format, record.cells),
  }));
  const emails = [...new Set(checked.flatMap(({ check }) => (check.ok ? [check.row.email] : [])))];
  const granter = actorOrgRole(ctx);
  const inviterId = actorUserId(ctx);

  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const nowText = now.toISOString();
    // Locks the org like a single invitation does, so the seat count below stays true until commit.
    const lockedOrg = await requireLockedOrg(trx, org.id);
    const [seen, members, pending, usage] = await Promise.all([
      emailsSeenInImport(trx, run.id, emails),
      memberEmailsAmong(trx, org.id, emails),
      pendingInvitationEmailsAmong(trx, org.id, emails, nowText, !dryRun),
      // Unlimited orgs skip the counts, as assertSeatAvailable does: counting every pending invitation per
      // chunk would make a 100,000-row import quadratic.
      seatLimitOf(lockedOrg, ctx.config) === null
        ? { limit: null, used: 0, pending: 0 }
        : getSeatUsage(trx, lockedOrg, ctx.config, nowText),
    ]);
    const counts: ImportCounts = emptyCounts();
    const reportRows: ImportRowRow[] = [];
    const invitations: InvitationRow[] = [];
    const profiles: InvitationProfilesTable[] = [];
    const events: AuditEventInput[] = [];
    const links: ImportLink[] = [];
    const outbox: InvitationEmailItem[] = [];
    const taken = new Set<string>();
    let seatsUsed = usage.pending;

    for (const { line, check } of checked) {
      let outcome: ImportRowRow["outcome"];
      let reason: string | null = null;
      let invitationId: string | null = null;
      const email = check.ok ? check.row.email : check.email;
      if (!check.ok) {
        outcome = "invalid";
        reason = check.reason;
      } else if (seen.has(email) || taken.has(email)) {
        outcome = "duplicate_in_file";
        reason = "An earlier line of this file has the same email.";
      } else if (members.has(email)) {
        outcome = "already_member";
        reason = `${email} is already a member of this organization.`;
      } else if (pending.has(email)) {
        outcome = "already_invited";
        reason = `${email} already has a pending invitation.`;
      } else {
        const refusal = ruleRefusal(granter, check.row, { ...usage, pending: seatsUsed });
        if (refusal !== null) {
          outcome = "invalid";
          reason = refusal;
        } else {
          outcome = "invited";
          seatsUsed += 1;
          if (!dryRun) {
            const created = newInvitation(ctx, org.id, check.row, team, inviterId, now);
            invitationId = created.row.id;
            invitations.push(created.row);
            links.push({ email, url: created.url, invitationId });
            const inviteeName = check.row.firstName
              ? [check.row.firstName, check.row.lastName].filter(Boolean).join(" ")
              : null;
            // The token was sealed onto the row when it was made: nothing to update here.
            outbox.push({ invitation: created.row, token: null, inviteeName });
            if (format === "team") {
              profiles.push({
                invitation_id: created.row.id,
                org_id: org.id,
                first_name: check.row.firstName,
                last_name: check.row.lastName,
                manager_email: check.row.managerEmail,
              });
            }
            events.push({
              orgId: org.id,
              action: "invitation.created",
              target: { type: "invitation", id: created.row.id },
              after: { ...invitationSnapshot(created.row), importId: run.id },
            });
          }
        }
      }
      if (outcome !== "invalid") taken.add(email);
      counts[outcome] += 1;
      reportRows.push({
        import_id: run.id,
        line,
        email: email.slice(0, 254),
        outcome,
        reason,
        invitation_id: invitationId,
      });
    }

    await insertInvitations(trx, invitations);
    await insertInvitationProfiles(trx, profiles);
    await insertImportRows(trx, reportRows);
    await recordAuditEvents(trx, ctx, events);
    // The outbox, in the chunk's transaction: one statement each for the emails and their jobs.
    await queueInvitationEmails(trx, ctx, outbox);
    await trx
      .updateTable("imports")
      .set((eb) => ({
        total_rows: eb("total_rows", "+", reportRows.length),
        invited: eb("invited", "+", counts.invited),
        already_member: eb("already_member", "+", counts.already_member),
        already_invited: eb("already_invited", "+", counts.already_invited),
        duplicate_in_file: eb("duplicate_in_file", "+", counts.duplicate_in_file),
        invalid: eb("invalid", "+", counts.invalid),
      }))
      .where("id", "=", run.id)
      .execute();
    return links;
  });
}

/** The single invitation's rules, as a reason instead of a throw: role cap, then the seat limit. */
function ruleRefusal(
  granter: ReturnType<typeof actorOrgRole>,
  row: ParsedImportRow,
  usage: Parameters<typeof hasFreeSeat>[0],
): string | null {
  try {
    assertCanGrantOrgRole(granter, row.role);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  if (!hasFreeSeat(usage)) {
    return `No seat left: the limit of ${usage.limit} seats is taken by members and pending invitations. Free seats or raise the limit, then re-run the file.`;
  }
  return null;
}

function newInvitation(
  ctx: ServiceContext,
  orgId: string,
  row: ParsedImportRow,
  team: { teamId: string | null; teamRole: NewInvitation["team_role"] },
  inviterId: string | null,
  now: Date,
) {
  const link = newInviteLink(ctx);
  const nowText = now.toISOString();
  const id = newId();
  const invitation: InvitationRow = {
    id,
    org_id: orgId,
    email: row.email,
    role: row.role,
    team_id: team.teamId,
    team_role: team.teamRole ?? null,
    department: row.department,
    message: row.message,
    status: "pending",
    token_hash: link.tokenHash,
    expires_at: expiryFrom(now, DEFAULT_EXPIRY_DAYS),
    expiry_days: DEFAULT_EXPIRY_DAYS,
    invited_by: inviterId,
    idempotency_key: null,
    accepted_by: null,
    accepted_at: null,
    created_at: nowText,
    updated_at: nowText,
    // Sealed only when it will be emailed: the worker reads the link back from it.
    token_sealed: isEmailDeliveryEnabled(ctx) ? sealInvitationToken(ctx, id, link.token) : null,
    reminded_at: null,
    expiry_recorded_at: null,
  };
  return { row: invitation, url: link.url };
}
