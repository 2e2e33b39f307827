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

type Subject = { type: string; id: string };
type Resource = { type: string; id: string } | { type: string; key: string };
type Check =
  | { subject: Subject; action: string; resource: Resource }
  | { action: string; resource: Resource };

/**
 * Parses a check (`POST .../check`) or a batch of checks (`POST .../check/batch`): the same value as
 * `JSON.parse(text)`, and the same error when the text is not JSON.
 */
export function parseCheckBody(text: string): unknown {
  BATCH_START.lastIndex = 0;
  if (BATCH_START.test(text)) {
    const checks = readChecks(text, BATCH_START.lastIndex);
    if (checks !== undefined) return { checks };
  } else {
    CHECK.lastIndex = 0;
    const match = CHECK.exec(text);
    if (match !== null && match[7] === "") return checkOf(match);
  }
  return JSON.parse(text);
}

/** The checks of a batch from `from` (just after its `[`), or undefined when they are not all of the form. */
function readChecks(text: string, from: number): Check[] | undefined {
  const checks: Check[] = [];
  CHECK.lastIndex = from;
  for (;;) {
    const match = CHECK.exec(text);
    if (match === null) return undefined;
    checks.push(checkOf(match));
    if (match[7] === ",") continue;
    if (match[7] !== "]") return undefined;
    BATCH_END.lastIndex = CHECK.lastIndex;
    return BATCH_END.test(text) ? checks : undefined;
  }
}

function checkOf(match: RegExpExecArray): Check {
  const [, subjectType, subjectId, action, resourceType, name, value] = match as unknown as string[];
  const resource: Resource =
    name === "id"
      ? { type: resourceType as string, id: value as string }
      : { type: resourceType as string, key: value as string };
  return subjectType === undefined
    ? { action: action as string, resource }
    : { subject: { type: subjectType, id: subjectId as string }, action: action as string, resource };
}
