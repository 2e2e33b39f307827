import type { ChainedFields } from "./audit-chain.js";

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

function put(key: string, value: string | null): void {
  putAscii(key);
  if (value === null) putAscii("null");
  else putString(value);
}

/**
 * The bytes of `auditEntryBody(entry, prevHash)`, or null when a field is undefined (the body leaves
 * it out; no entry we write has one) or not text, or the entry is too large for the buffer. The view
 * is valid until the next call.
 */
export function auditEntryBytes(entry: ChainedFields, prevHash: string): Uint8Array | null {
  const seq = Number(entry.seq);
  if (!Number.isFinite(seq)) throw new Error("canonicalJson: numbers must be finite");
  const texts = [
    entry.action,
    entry.actor_api_key_id,
    entry.actor_user_id,
    entry.after,
    entry.before,
    entry.chain_id,
    entry.created_at,
    entry.id,
    entry.org_id,
    prevHash,
    entry.source,
    entry.target_id,
    entry.target_type,
  ];
  let length = 0;
  for (const text of texts) {
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
  // Sorted by UTF-16 code unit, as canonicalJson sorts keys.
  put('{"action":', entry.action);
  put(',"actor_api_key_id":', entry.actor_api_key_id);
  put(',"actor_user_id":', entry.actor_user_id);
  put(',"after":', entry.after);
  put(',"before":', entry.before);
  put(',"chain_id":', entry.chain_id);
  put(',"created_at":', entry.created_at);
  put(',"id":', entry.id);
  put(',"org_id":', entry.org_id);
  put(',"prev_hash":', prevHash);
  putAscii(',"seq":');
  putAscii(String(seq));
  put(',"source":', entry.source);
  put(',"target_id":', entry.target_id);
  put(',"target_type":', entry.target_type);
  buffer[at++] = 0x7d; // }
  return buffer.subarray(0, at);
}
