import type { ChainedFields } from "./audit-chain.js";

/**
 * What an entry's hash covers, in the order canonicalJson writes keys (sorted by UTF-16 code unit):
 * the entry's fields and the previous entry's hash. Both writers of the hashed body (auditEntryBody
 * and auditEntryBytes) follow this list; changing it changes every hash.
 */
export const HASHED_FIELDS = [
  "action",
  "actor_api_key_id",
  "actor_user_id",
  "after",
  "before",
  "chain_id",
  "created_at",
  "id",
  "org_id",
  "prev_hash",
  "seq",
  "source",
  "target_id",
  "target_type",
] as const satisfies readonly (keyof ChainedFields | "prev_hash")[];

/** The value of one of HASHED_FIELDS: `seq` as a number, `prev_hash` the previous entry's hash. */
export function hashedValue(
  entry: ChainedFields,
  prevHash: string,
  field: (typeof HASHED_FIELDS)[number],
): string | number | null | undefined {
  if (field === "prev_hash") return prevHash;
  if (field === "seq") return Number(entry.seq);
  return entry[field];
}

/**
 * `auditEntryBody` as UTF-8 bytes, written into one reused buffer instead of built as a string: the
 * hash of every audit entry (one per invitation of an import, and every entry `audit verify` reads)
 * was a dozen strings, a JSON.stringify buffer per field and a flattened copy of the whole text. The
 * bytes are the same as `Buffer.from(auditEntryBody(entry, prevHash))`, which the tests check on
 * arbitrary text. Synchronous and single-threaded, so one buffer serves every call.
 */
let buffer = Buffer.alloc(16 * 1024);
const MAX_BUFFER_BYTES = 1024 * 1024;
let at = 0;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function putAscii(text: string): void {
  at += buffer.write(text, at, "latin1");
}

/** A JSON string: quoted, with `"` and `\` escaped; anything JSON.stringify would escape otherwise
 * (control characters, lone surrogates) and non-ASCII text go through JSON.stringify itself. */
function putString(value: string): void {
  const start = at;
  buffer[at++] = QUOTE;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH) {
      buffer[at++] = BACKSLASH;
      buffer[at++] = c;
    } else if (c >= 0x20 && c < 0x80) {
      buffer[at++] = c;
    } else {
      at = start + buffer.write(JSON.stringify(value), start, "utf8");
      return;
    }
  }
  buffer[at++] = QUOTE;
}

/** `{"action":`, `,"actor_api_key_id":` and so on: what comes before each field's value. */
const KEY_PREFIXES = HASHED_FIELDS.map((key, i) => `${i === 0 ? "{" : ","}"${key}":`);

/**
 * The bytes of `auditEntryBody(entry, prevHash)`, or null when a field is undefined (the body leaves
 * it out; no entry we write has one) or not text, or the entry is too large for the buffer. The view
 * is valid until the next call.
 */
export function auditEntryBytes(entry: ChainedFields, prevHash: string): Uint8Array | null {
  const seq = Number(entry.seq);
  if (!Number.isFinite(seq)) throw new Error("canonicalJson: numbers must be finite");
  let length = 0;
  for (const key of HASHED_FIELDS) {
    if (key === "seq") continue;
    const text = hashedValue(entry, prevHash, key);
    if (text === undefined || (text !== null && typeof text !== "string")) return null;
    length += text === null ? 4 : text.length;
  }
  // A UTF-16 code unit takes at most 6 bytes in JSON (\u001f), 3 in UTF-8; keys and punctuation < 512.
  const needed = length * 6 + 512;
  if (buffer.length < needed) {
    // The buffer lives as long as the process: a rare huge entry is hashed from its string instead.
    if (needed > MAX_BUFFER_BYTES) return null;
    buffer = Buffer.alloc(Math.min(MAX_BUFFER_BYTES, Math.max(needed, buffer.length * 2)));
  }
  at = 0;
  for (let i = 0; i < HASHED_FIELDS.length; i++) {
    const key = HASHED_FIELDS[i] as (typeof HASHED_FIELDS)[number];
    putAscii(KEY_PREFIXES[i] as string);
    if (key === "seq") putAscii(String(seq));
    else {
      const value = hashedValue(entry, prevHash, key) as string | null;
      if (value === null) putAscii("null");
      else putString(value);
    }
  }
  buffer[at++] = 0x7d; // }
  return buffer.subarray(0, at);
}
