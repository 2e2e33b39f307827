import {
  emailsSeenInImport,
  insertImportRows,
  insertInvitationProfiles,
  insertInvitations,
  memberEmailsAmong,
  pendingInvitationEmailsAmong,
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
  emptyCounts,
  type ImportCounts,
  type ImportFormat,
  type ParsedImportRow,
  parseImportRow,
} from "../../domain/imports.js";
import { DEFAULT_EXPIRY_DAYS, expiryFrom } from "../../domain/invitation.js";
import { assertCanGrantOrgRole } from "../../domain/permissions.js";
import { hasFreeSeat, type SeatUsage } from "../../domain/plans.js";
import { newId } from "../../lib/ids.js";
import {
  type InvitationEmailItem,
  isEmailDeliveryEnabled,
  queueInvitationEmails,
  sealInvitationToken,
} from "../../mail/queue-invitation-email.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { newInviteLink } from "../invitations/invitation-rules.js";
import { type AuditEventInput, recordAuditEvents } from "../shared/record-audit-event.js";
import { actorOrgRole, requireLockedOrg } from "../shared/require.js";
import { getSeatUsage, seatLimitOf } from "../shared/seats.js";
import { invitationSnapshot } from "../shared/views.js";

export type ImportLink = { email: string; url: string; invitationId: string };

/** A CSV record as the parser read it, with its line in the file (the header is line 1). */
export type ImportRecord = { line: number; cells: string[] };

/** The team an imported invitation joins: the plan's rules with no team chosen. */
export type ImportTeam = { teamId: string | null; teamRole: NewInvitation["team_role"] };

/**
 * One chunk of an import (see `runImport`), one transaction: every record goes through the single
 * invitation's rules and gets exactly one `import_rows` entry; the invitations, their profiles, report
 * rows, audit events and outbox emails are written with multi-row inserts, and the import's counts
 * move by the chunk's. Returns the links it created (none on a dry run).
 */
export async function writeImportChunk(
  ctx: ServiceContext,
  org: OrgRow,
  run: ImportRow,
  format: ImportFormat,
  records: readonly ImportRecord[],
  team: ImportTeam,
): Promise<ImportLink[]> {
  const dryRun = run.dry_run === 1;
  const checked = records.map((record) => ({
    line: record.line,
    check: parseImportRow(format, record.cells),
  }));
  const unique = new Set<string>();
  for (const { check } of checked) if (check.ok) unique.add(check.row.email);
  const emails = [...unique];
  const isEmailed = isEmailDeliveryEnabled(ctx);
  const granter = actorOrgRole(ctx);
  const inviterId = actorUserId(ctx);

  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const nowText = now.toISOString();
    const times = { now: nowText, expiresAt: expiryFrom(now, DEFAULT_EXPIRY_DAYS) };
    // Locks the org like a single invitation does, so the seat count below stays true until commit.
    const lockedOrg = await requireLockedOrg(trx, org.id);
    const [seen, members, pending, usage] = await Promise.all([
      emailsSeenInImport(trx, run.id, emails),
      memberEmailsAmong(trx, org.id, emails),
      pendingInvitationEmailsAmong(trx, org.id, emails, nowText, !dryRun),
      // Unlimited orgs skip the counts, as assertSeatAvailable does: counting every pending invitation per
      // chunk would make a 100,000-row import quadratic. With a limit, the two counts read covering index
      // ranges as long as the org's members and live pending invitations, which the limit keeps near
      // `limit`: their cost follows the seat limit, not the size of the import.
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
    // Seats as this chunk takes them: each invitation it makes is one more pending.
    const seats: SeatUsage = { limit: usage.limit, used: usage.used, pending: usage.pending };

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
        const refusal = ruleRefusal(granter, check.row, seats);
        if (refusal !== null) {
          outcome = "invalid";
          reason = refusal;
        } else {
          outcome = "invited";
          seats.pending += 1;
          if (!dryRun) {
            const created = newInvitation(ctx, org.id, check.row, team, inviterId, times, isEmailed);
            invitationId = created.row.id;
            invitations.push(created.row);
            links.push({ email, url: created.url, invitationId });
            if (isEmailed) {
              const inviteeName = check.row.firstName
                ? [check.row.firstName, check.row.lastName].filter(Boolean).join(" ")
                : null;
              // The token was sealed onto the row when it was made: nothing to update here.
              outbox.push({ invitation: created.row, token: null, inviteeName });
            }
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
              // Not `{ ...snapshot, importId }`: on Node 20 (V8 11.3) the objects of a spread followed by
              // another key are promoted to the old generation by young-generation collections even when
              // dropped at once (300,000 of them: 48 MB promoted; 1.8 MB with Object.assign). Here that was
              // ~19 MB of garbage per 100,000 rows waiting for a full GC: most of the peak's growth with
              // the file (bench/import-allocation.mjs counts what survives). Same keys, same order.
              after: Object.assign(invitationSnapshot(created.row), { importId: run.id }),
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
  seats: SeatUsage,
): string | null {
  try {
    assertCanGrantOrgRole(granter, row.role);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  if (!hasFreeSeat(seats)) {
    return `No seat left: the limit of ${seats.limit} seats is taken by members and pending invitations. Free seats or raise the limit, then re-run the file.`;
  }
  return null;
}

function newInvitation(
  ctx: ServiceContext,
  orgId: string,
  row: ParsedImportRow,
  team: ImportTeam,
  inviterId: string | null,
  times: { now: string; expiresAt: string },
  isEmailed: boolean,
) {
  const link = newInviteLink(ctx);
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
    expires_at: times.expiresAt,
    expiry_days: DEFAULT_EXPIRY_DAYS,
    invited_by: inviterId,
    idempotency_key: null,
    accepted_by: null,
    accepted_at: null,
    created_at: times.now,
    updated_at: times.now,
    // Sealed only when it will be emailed: the worker reads the link back from it.
    token_sealed: isEmailed ? sealInvitationToken(ctx, id, link.token) : null,
    reminded_at: null,
    expiry_recorded_at: null,
  };
  return { row: invitation, url: link.url };
}
