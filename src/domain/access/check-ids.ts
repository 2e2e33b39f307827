// A check's subject and resource ids as numbers: the key of the decision memo's id table
// (id-memo.ts).
//
// Gatehouse's ids are UUIDs in their canonical text, 36 characters. Looked up by that text, a repeated
// check costs the memo two `Map` lookups, and each one hashes the check's fresh string, walks a hash
// chain and compares strings, most of it waiting for memory (a quarter of a batch request's server CPU,
// measured with perf). Read as 128-bit numbers, the two ids and the action make one key of nine 32-bit
// words, found in one typed array.
//
// The words are read where the check is read, from the request body's bytes (src/http/check-body.ts),
// while they are still in the CPU's cache. Reading them from strings costs about what the lookups it
// saves cost (`charCodeAt` on this machine: 4–5 ns a character, a typed array's element 1.5–2 ns).

/** The key of the check it is attached to: its subject's id, then its resource's, as 4 words each. */
export type CheckIds = { readonly words: Int32Array; readonly at: number };

/**
 * Where a check carries its ids' words (a symbol, so that no schema sees it and no JSON carries it).
 * Only set when both ids are canonical UUIDs and the words are those of the check's own subject id and
 * resource id or key; a check without it is kept under its ids' text. Spreading a check copies it: a
 * copy that names another subject or resource must leave it out. (The one copy on the way to the
 * engine, `checkAccess`'s, fills in a missing subject, and a check without a subject never has it.)
 */
export const CHECK_IDS: unique symbol = Symbol("gatehouse.checkIds");

/** Words a key takes in a `CheckIds` array: two ids of 4. */
export const ID_KEY_WORDS = 8;

/** Each byte's hex value, or -1 (uppercase is not canonical: "A" and "a" are two ids). */
const HEX = new Int8Array(0x100).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x61 + i] = 10 + i;

/**
 * Reads the canonical UUID (`8-4-4-4-12` lowercase hex digits) whose ASCII text starts at `from` in
 * `bytes` into `words[at..at+4)`, and returns whether there was one. Any other text, uppercase
 * included, is not: two texts give the same words only if they are the same text.
 */
export function readUuid(bytes: Uint8Array, from: number, words: Int32Array, at: number): boolean {
  if (from < 0 || from + 36 > bytes.length || at < 0 || at + 4 > words.length) return false;
  // Negative once any character is wrong; looked at once, at the end.
  let bad = 0;
  let i = from;
  for (let w = 0; w < 4; w++) {
    let word = 0;
    for (let n = 0; n < 8; n++) {
      const k = i - from;
      if (k === 8 || k === 13 || k === 18 || k === 23) {
        bad |= -((bytes[i] as number) ^ 0x2d);
        i++;
      }
      const value = HEX[bytes[i++] as number] as number;
      bad |= value;
      word = (word << 4) | (value & 0xf);
    }
    words[at + w] = word;
  }
  return bad >= 0;
}
