/**
 * Audit export formats (pure). CSV follows RFC 4180 (every cell quoted, quotes doubled, CRLF rows) and
 * is safe to open in a spreadsheet: a cell starting with = + - @ tab or CR is prefixed with ' so it is
 * never read as a formula (OWASP CSV injection).
 */
export type AuditExportRow = {
  id: string;
  seq: number;
  createdAt: string;
  action: string;
  source: string;
  actor: { userId: string | null; name: string | null; email: string | null; apiKeyId: string | null };
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  hash: string;
};

export const AUDIT_CSV_COLUMNS = [
  "id",
  "seq",
  "created_at",
  "action",
  "source",
  "actor_user_id",
  "actor_name",
  "actor_email",
  "actor_api_key_id",
  "target_type",
  "target_id",
  "before",
  "after",
  "hash",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.map(csvCell).join(",")}\r\n`;
}

export function auditCsvLine(row: AuditExportRow): string {
  const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  return `${[
    row.id,
    row.seq,
    row.createdAt,
    row.action,
    row.source,
    row.actor.userId,
    row.actor.name,
    row.actor.email,
    row.actor.apiKeyId,
    row.target.type,
    row.target.id,
    json(row.before),
    json(row.after),
    row.hash,
  ]
    .map(csvCell)
    .join(",")}\r\n`;
}

export function auditJsonLine(row: AuditExportRow): string {
  return `${JSON.stringify(row)}\n`;
}
