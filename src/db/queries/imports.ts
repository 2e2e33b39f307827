import { sql } from "kysely";
import type { ImportOutcome } from "../../domain/imports.js";
import { type Executor, isPostgres } from "../client.js";
import { paddedInList } from "../in-list.js";
import { columnsOf, insertRows } from "../insert-rows.js";
import type {
  ImportRow,
  ImportRowRow,
  ImportsTable,
  InvitationProfilesTable,
  InvitationRow,
} from "../schema.js";

const INVITATION_COLUMNS = columnsOf<InvitationRow>()([
  "id",
  "org_id",
  "email",
  "role",
  "team_id",
  "team_role",
  "department",
  "message",
  "status",
  "token_hash",
  "expires_at",
  "expiry_days",
  "invited_by",
  "idempotency_key",
  "accepted_by",
  "accepted_at",
  "created_at",
  "updated_at",
  "token_sealed",
  "reminded_at",
  "expiry_recorded_at",
]);
const IMPORT_ROW_COLUMNS = columnsOf<ImportRowRow>()([
  "import_id",
  "line",
  "email",
  "outcome",
  "reason",
  "invitation_id",
]);
const PROFILE_COLUMNS = columnsOf<InvitationProfilesTable>()([
  "invitation_id",
  "org_id",
  "first_name",
  "last_name",
  "manager_email",
]);

export async function insertImport(db: Executor, row: ImportRow): Promise<void> {
  await db.insertInto("imports").values(row).execute();
}

export function findImport(db: Executor, orgId: string, id: string): Promise<ImportRow | undefined> {
  return db
    .selectFrom("imports")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findImportByKey(db: Executor, orgId: string, key: string): Promise<ImportRow | undefined> {
  return db
    .selectFrom("imports")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

export function listImports(db: Executor, orgId: string, limit: number, before: string | null) {
  let query = db.selectFrom("imports").selectAll().where("org_id", "=", orgId);
  if (before !== null) query = query.where("id", "<", before);
  return query.orderBy("id", "desc").limit(limit).execute();
}

export async function updateImport(
  db: Executor,
  id: string,
  changes: Partial<Pick<ImportsTable, "status" | "finished_at" | ImportOutcome | "total_rows">>,
): Promise<void> {
  await db.updateTable("imports").set(changes).where("id", "=", id).execute();
}

/** The last record an interrupted import committed: chunks commit whole and in order. */
export async function lastImportedLine(db: Executor, importId: string): Promise<number> {
  const row = await db
    .selectFrom("import_rows")
    .select((eb) => eb.fn.max<number | null>("line").as("line"))
    .where("import_id", "=", importId)
    .executeTakeFirst();
  return Number(row?.line ?? 0);
}

export async function insertImportRows(db: Executor, rows: readonly ImportRowRow[]): Promise<void> {
  await insertRows(db, "import_rows", IMPORT_ROW_COLUMNS, rows);
}

/** Whole rows (every column given): an import's invitations, many to a statement. */
export async function insertInvitations(db: Executor, rows: readonly InvitationRow[]): Promise<void> {
  await insertRows(db, "invitations", INVITATION_COLUMNS, rows);
}

export async function insertInvitationProfiles(db: Executor, rows: readonly InvitationProfilesTable[]) {
  await insertRows(db, "invitation_profiles", PROFILE_COLUMNS, rows);
}

/** Emails of this chunk already taken by an earlier record of the same import (not counting invalid ones). */
export async function emailsSeenInImport(db: Executor, importId: string, emails: readonly string[]) {
  if (emails.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom("import_rows")
    .select("email")
    .where("import_id", "=", importId)
    .where("email", "in", paddedInList(emails))
    .where("outcome", "!=", "invalid")
    .execute();
  return new Set(rows.map((row) => row.email));
}

/**
 * Emails of this chunk that belong to members of the org: users by email first, then their memberships,
 * both by index (joining from memberships would walk every member of a large org per chunk).
 */
export async function memberEmailsAmong(db: Executor, orgId: string, emails: readonly string[]) {
  if (emails.length === 0) return new Set<string>();
  const users = await db
    .selectFrom("users")
    .select(["id", "email"])
    .where("email", "in", paddedInList(emails))
    .execute();
  if (users.length === 0) return new Set<string>();
  const members = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("org_id", "=", orgId)
    .where("user_id", "in", paddedInList(users.map((user) => user.id)))
    .execute();
  const memberIds = new Set(members.map((row) => row.user_id));
  return new Set(users.filter((user) => memberIds.has(user.id)).map((user) => user.email));
}

/**
 * Emails of this chunk with a live pending invitation. Lapsed ones are expired first (when
 * `expireLapsed`), so the one-pending-per-email index lets a new one in. Reads through that partial
 * unique index (org_id, email), one probe per email. SQLite, without statistics, prefers
 * (org_id, status, expires_at) as soon as the list holds more than a few emails: that walks every
 * pending invitation of the org per chunk, which made a 100,000-row import quadratic. `INDEXED BY`
 * pins the plan there; PostgreSQL chooses by cost from its statistics.
 */
export async function pendingInvitationEmailsAmong(
  db: Executor,
  orgId: string,
  emails: readonly string[],
  now: string,
  expireLapsed: boolean,
) {
  if (emails.length === 0) return new Set<string>();
  const rows = isPostgres(db)
    ? await db
        .selectFrom("invitations")
        .select(["id", "email", "expires_at"])
        .where("org_id", "=", orgId)
        // A literal: the partial index's predicate must be provable from the query's text.
        .where("status", "=", sql.lit("pending"))
        .where("email", "in", paddedInList(emails))
        .execute()
    : (
        await sql<Pick<InvitationRow, "id" | "email" | "expires_at">>`
          select id, email, expires_at from invitations indexed by invitations_pending_email_key
          where org_id = ${orgId} and status = 'pending' and email in (${sql.join(paddedInList(emails))})`.execute(
          db,
        )
      ).rows;
  const nowMs = Date.parse(now);
  const lapsed = rows.filter((row) => new Date(row.expires_at).getTime() <= nowMs);
  if (expireLapsed && lapsed.length > 0) {
    await db
      .updateTable("invitations")
      .set({ status: "expired", updated_at: now })
      .where("id", "in", paddedInList(lapsed.map((row) => row.id)))
      .where("status", "=", "pending")
      .execute();
  }
  return new Set(rows.filter((row) => new Date(row.expires_at).getTime() > nowMs).map((row) => row.email));
}

export function listImportRows(
  db: Executor,
  importId: string,
  options: { outcome?: ImportOutcome | undefined; afterLine: number; limit: number },
) {
  let query = db
    .selectFrom("import_rows")
    .selectAll()
    .where("import_id", "=", importId)
    .where("line", ">", options.afterLine);
  if (options.outcome) query = query.where("outcome", "=", options.outcome);
  return query.orderBy("line").limit(options.limit).execute();
}

export function findInvitationProfile(db: Executor, invitationId: string) {
  return db
    .selectFrom("invitation_profiles")
    .selectAll()
    .where("invitation_id", "=", invitationId)
    .executeTakeFirst();
}
