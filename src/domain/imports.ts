import { normalizeEmail } from "./email.js";
import { AppError } from "./errors.js";
import { ORG_ROLES, type OrgRole } from "./roles.js";

/**
 * Bulk invitations (issue 4, mixus seed): the two CSV formats, exactly. The header row tells them apart;
 * any other header is refused with both accepted headers in the message.
 */
export const IMPORT_FORMATS = {
  bulk: ["email", "role", "department", "message"],
  team: ["email", "first_name", "last_name", "role", "department", "manager_email"],
} as const;
export type ImportFormat = keyof typeof IMPORT_FORMATS;

export const IMPORT_OUTCOMES = [
  "invited",
  "already_member",
  "already_invited",
  "duplicate_in_file",
  "invalid",
] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Rows per transaction: big enough for multi-row inserts to pay, small enough to keep memory flat. */
export const IMPORT_CHUNK_ROWS = 500;
const MAX_DEPARTMENT = 64;
const MAX_MESSAGE = 2000;
const MAX_NAME = 100;

export function detectImportFormat(header: readonly string[]): ImportFormat {
  const names = header.map((cell, index) =>
    (index === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim().toLowerCase(),
  );
  for (const format of Object.keys(IMPORT_FORMATS) as ImportFormat[]) {
    const expected = IMPORT_FORMATS[format];
    if (names.length === expected.length && expected.every((name, i) => names[i] === name)) return format;
  }
  throw new AppError("IMPORT_HEADER_INVALID", {
    message: `The first line of the CSV must be one of these two headers: "${IMPORT_FORMATS.bulk.join(",")}" (bulk invitations) or "${IMPORT_FORMATS.team.join(",")}" (team import). It was "${header.join(",").slice(0, 200)}".`,
    details: { accepted: [IMPORT_FORMATS.bulk.join(","), IMPORT_FORMATS.team.join(",")] },
  });
}

/** A row that passed the format rules; the org rules (role caps, seats, membership) come after. */
export type ParsedImportRow = {
  email: string;
  role: OrgRole;
  department: string | null;
  message: string | null;
  firstName: string | null;
  lastName: string | null;
  managerEmail: string | null;
};

export type RowCheck = { ok: true; row: ParsedImportRow } | { ok: false; email: string; reason: string };

function optional(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed.length === 0 ? null : trimmed;
}

/** The format rules of one data row (pure). `cells` are in header order. */
export function parseImportRow(format: ImportFormat, cells: readonly string[]): RowCheck {
  const expected = IMPORT_FORMATS[format].length;
  const rawEmail = (cells[0] ?? "").trim();
  if (cells.length !== expected) {
    return {
      ok: false,
      email: rawEmail,
      reason: `This line has ${cells.length} fields; the header has ${expected}. Quote fields that contain commas.`,
    };
  }
  const email = normalizeEmail(rawEmail);
  if (email === null) {
    return {
      ok: false,
      email: rawEmail,
      reason:
        rawEmail === "" ? "The email is empty." : `"${rawEmail.slice(0, 80)}" is not a valid email address.`,
    };
  }
  const get = (name: string) => cells[(IMPORT_FORMATS[format] as readonly string[]).indexOf(name)];
  const roleText = (get("role") ?? "").trim().toLowerCase();
  const role = roleText === "" ? "member" : roleText;
  if (!(ORG_ROLES as readonly string[]).includes(role)) {
    return {
      ok: false,
      email,
      reason: `The role "${roleText.slice(0, 40)}" is not one of ${ORG_ROLES.join(", ")}.`,
    };
  }
  const department = optional(get("department"));
  if (department !== null && department.length > MAX_DEPARTMENT) {
    return { ok: false, email, reason: `The department is longer than ${MAX_DEPARTMENT} characters.` };
  }
  const message = format === "bulk" ? optional(get("message")) : null;
  if (message !== null && message.length > MAX_MESSAGE) {
    return { ok: false, email, reason: `The message is longer than ${MAX_MESSAGE} characters.` };
  }
  const firstName = format === "team" ? optional(get("first_name")) : null;
  const lastName = format === "team" ? optional(get("last_name")) : null;
  if ((firstName?.length ?? 0) > MAX_NAME || (lastName?.length ?? 0) > MAX_NAME) {
    return { ok: false, email, reason: `A name is longer than ${MAX_NAME} characters.` };
  }
  let managerEmail: string | null = null;
  if (format === "team") {
    const rawManager = optional(get("manager_email"));
    if (rawManager !== null) {
      managerEmail = normalizeEmail(rawManager);
      if (managerEmail === null) {
        return { ok: false, email, reason: `The manager email "${rawManager.slice(0, 80)}" is not valid.` };
      }
      if (managerEmail === email)
        return { ok: false, email, reason: "A person cannot be their own manager." };
    }
  }
  return {
    ok: true,
    row: { email, role: role as OrgRole, department, message, firstName, lastName, managerEmail },
  };
}

export type ImportCounts = Record<ImportOutcome, number>;

export function emptyCounts(): ImportCounts {
  return { invited: 0, already_member: 0, already_invited: 0, duplicate_in_file: 0, invalid: 0 };
}
