import { CHECK_IDS, type CheckIds, ID_KEY_WORDS, readUuid } from "../domain/access/check-ids.js";

// The decision routes' request bodies, read without building them twice.
//
// A batch of 100 checks is some 17 KB of JSON, and `JSON.parse` of it was about a fifth of the
// server's work on such a request: it finds each object's shape and copies every string. Nearly every
// body the AI product sends is of one form, the one `JSON.stringify` writes for the documented shape:
// each check's subject (if any), action and resource, in that order, the resource by id or key. That
// form is read here by one sticky regular expression a check, which V8 compiles to machine code, and
// whose captures are views into the body rather than copies.
//
// Any other body (another key order, a context or attributes, batch defaults, an escape in a string,
// invalid JSON) is read by `JSON.parse`. Either way the value is the same, and it is then validated by
// the route's schema as before: the fast path only decides how the body is read, never whether it is
// accepted. A property test holds it to `JSON.parse` on bodies of every form.
//
// The captures keep the whole body alive while anything holds them. What outlives the request keeps
// the policy's own strings or a copy: the decision memo's keys, the actions decisions name
// (decision-memo.ts, requireAction). Measured: `node bench/decisions/body-memory.mjs`.
//
// A check of that form written without whitespace, whose subject id and resource id (or key) are
// UUIDs, also carries the two ids read as numbers from the body's bytes (CHECK_IDS,
// src/domain/access/check-ids.ts), which the decision memo finds in one typed array.

/** JSON's own whitespace (RFC 8259), nothing wider. */
const WS = "[ \\t\\n\\r]*";
/** A string without escapes or control characters (which JSON refuses unescaped): its text as it is. */
const TEXT = '"([^"\\\\\\u0000-\\u001f]*)"';
const member = (name: string, value: string) => `"${name}"${WS}:${WS}${value}`;
const next = `${WS},${WS}`;

/**
 * One check, sticky, followed by what ends it: `,` (another check follows), `]` (the last of a batch)
 * or the end of the body (a single check). Captures: subject type and id (both undefined when the check
 * names no subject), action, resource type, `id` or `key`, and its value, and the end.
 */
const CHECK = new RegExp(
  `${WS}\\{${WS}` +
    `(?:${member("subject", `\\{${WS}${member("type", TEXT)}${next}${member("id", TEXT)}${WS}\\}`)}${next})?` +
    `${member("action", TEXT)}${next}` +
    `${member("resource", `\\{${WS}${member("type", TEXT)}${next}"(id|key)"${WS}:${WS}${TEXT}${WS}\\}`)}` +
    `${WS}\\}${WS}(,|\\]|$)`,
  "y",
);
const BATCH_START = new RegExp(`^${WS}\\{${WS}"checks"${WS}:${WS}\\[`, "y");
const BATCH_END = new RegExp(`${WS}\\}${WS}$`, "y");

/**
 * The length of a check's match without whitespace, less its captures': `{"subject":{"type":"` (20),
 * `","id":"` (8), `"},"action":"` (13), `","resource":{"type":"` (22), `","` (3), `":"` (3), `"}}` (3).
 */
const COMPACT = 72;
/**
 * A compact check with two UUIDs is at least this long, so a batch's text holds at most its length
 * over this many of them: the words its checks need.
 */
const SHORTEST_KEYED = COMPACT + 2 * 36 + 2;

type Subject = { type: string; id: string };
type Resource = { type: string; id: string } | { type: string; key: string };
type Check =
  | { subject: Subject; action: string; resource: Resource }
  | { action: string; resource: Resource };

type Keyed = { [CHECK_IDS]?: CheckIds };

/**
 * Parses a check (`POST .../check`) or a batch of checks (`POST .../check/batch`): the same value as
 * `JSON.parse(text)`, and the same error when the text is not JSON. `ascii`: the text's bytes, when it
 * is all ASCII (one byte a character), for reading its checks' ids as numbers.
 */
export function parseCheckBody(text: string, ascii?: Uint8Array): unknown {
  BATCH_START.lastIndex = 0;
  if (BATCH_START.test(text)) {
    const checks = readChecks(text, ascii, BATCH_START.lastIndex);
    if (checks !== undefined) return { checks };
  } else {
    CHECK.lastIndex = 0;
    const match = CHECK.exec(text);
    if (match !== null && match[7] === "") return checkOf(ascii, match, new Int32Array(ID_KEY_WORDS), 0);
  }
  return JSON.parse(text);
}

/** The checks of a batch from `from` (just after its `[`), or undefined when they are not all of the form. */
function readChecks(text: string, ascii: Uint8Array | undefined, from: number): Check[] | undefined {
  const checks: Check[] = [];
  const words = new Int32Array(
    ascii === undefined ? 0 : ID_KEY_WORDS * Math.ceil(text.length / SHORTEST_KEYED),
  );
  let at = 0;
  CHECK.lastIndex = from;
  for (;;) {
    const match = CHECK.exec(text);
    if (match === null) return undefined;
    const check = checkOf(ascii, match, words, at);
    if (CHECK_IDS in check) at += ID_KEY_WORDS;
    checks.push(check);
    if (match[7] === ",") continue;
    if (match[7] !== "]") return undefined;
    BATCH_END.lastIndex = CHECK.lastIndex;
    return BATCH_END.test(text) ? checks : undefined;
  }
}

/** A match's check; `words[at..at+8)` is where its ids' words go, if it has them and there is room. */
function checkOf(
  ascii: Uint8Array | undefined,
  match: RegExpExecArray,
  words: Int32Array,
  at: number,
): Check {
  const [, subjectType, subjectId, action, resourceType, name, value, end] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    "id" | "key",
    string,
    string,
  ];
  const resource: Resource =
    name === "id" ? { type: resourceType, id: value } : { type: resourceType, key: value };
  if (subjectType === undefined) return { action, resource };
  const check: Check & Keyed = { subject: { type: subjectType, id: subjectId }, action, resource };
  const texts = subjectType.length + action.length + resourceType.length + name.length + end.length;
  if (
    ascii !== undefined &&
    at + ID_KEY_WORDS <= words.length &&
    subjectId.length === 36 &&
    value.length === 36 &&
    CHECK.lastIndex - match.index === COMPACT + texts + 72
  ) {
    // No whitespace anywhere in the match: each id is where the compact form puts it.
    const subjectAt = match.index + 28 + subjectType.length;
    const resourceAt = subjectAt + 36 + 41 + action.length + resourceType.length + name.length;
    if (readUuid(ascii, subjectAt, words, at) && readUuid(ascii, resourceAt, words, at + 4)) {
      check[CHECK_IDS] = { words, at };
    }
  }
  return check;
}
