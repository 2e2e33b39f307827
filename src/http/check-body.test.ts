import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHECK_IDS, type CheckIds, readUuid } from "../domain/access/check-ids.js";
import { parseCheckBody } from "./check-body.js";

const jsonParse = JSON.parse;

/** What JSON.parse makes of `text`: its value, or the kind of error it throws. */
function outcome(parse: (text: string) => unknown, text: string): { value: unknown } | { error: string } {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** The text's bytes when it is all ASCII, as the decision routes hand them to parseCheckBody. */
const asciiOf = (text: string) => {
  const bytes = Buffer.from(text, "utf8");
  return bytes.length === text.length ? bytes : undefined;
};
const parseAsRoutesDo = (text: string) => parseCheckBody(text, asciiOf(text));

/** A value as JSON sees it: without the ids' words a check may carry under a symbol. */
const jsonView = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(jsonView);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonView(v)]));
};

/** Same value, with the same keys in the same order (isDeepStrictEqual alone ignores key order). */
function sameOutcome(text: string): boolean {
  const ours = outcome((t) => jsonView(parseAsRoutesDo(t)), text);
  const theirs = outcome(jsonParse, text);
  if ("error" in ours || "error" in theirs) return isDeepStrictEqual(ours, theirs);
  return isDeepStrictEqual(ours.value, theirs.value) && JSON.stringify(ours) === JSON.stringify(theirs);
}

/** Whitespace, now and then of a kind JSON does not allow between its tokens. */
const ws = fc.oneof(
  { arbitrary: fc.constantFrom("", "", "", " ", "\n", "\t", "\r\n  "), weight: 20 },
  { arbitrary: fc.constantFrom("\f", "\v", "\u00a0", "\ufeff", "\u2028"), weight: 1 },
);
const uuid = fc.uuid({ version: 4 });
const awkward = fc.constantFrom(
  "",
  'say "hi"',
  "back\\slash",
  "nul\u0000",
  "line\nbreak",
  "\u2028\u2029",
  "é and ü",
  "😀",
  "\ud800",
  '{"checks":[',
  "agents:run",
);
const text = fc.oneof(
  { arbitrary: uuid, weight: 6 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: awkward, weight: 2 },
);

/** A JSON string as JSON.stringify writes it, or with a letter written as an escape. */
const quoted = (value: string, escapeFirst: boolean) => {
  const plain = JSON.stringify(value);
  if (!escapeFirst || value.length === 0 || !/^[a-z]/.test(value)) return plain;
  return `"\\u${(value.codePointAt(0) as number).toString(16).padStart(4, "0")}${plain.slice(2)}`;
};

type Member = [string, string];

/** An object's text from its members' texts, with the given whitespace around its tokens. */
const objectText = (
  members: readonly Member[],
  [open, beforeComma, afterComma, close, beforeColon, afterColon]: readonly string[],
) =>
  `{${open}${members.map(([k, v]) => `"${k}"${beforeColon}:${afterColon}${v}`).join(`${beforeComma},${afterComma}`)}${close}}`;

const spaces = fc.array(ws, { minLength: 6, maxLength: 6 });

/** Mostly as JSON.stringify writes it, sometimes with an escape where it needs none. */
const stringValue = fc.tuple(text, fc.integer({ min: 0, max: 9 })).map(([v, dice]) => quoted(v, dice === 0));
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary, weight: 1 });

const subjectText = fc
  .tuple(
    fc.constantFrom("user", "team", "robot"),
    stringValue,
    spaces,
    fc.integer({ min: 0, max: 5 }).map((dice) => dice === 0),
  )
  .map(([type, id, s, swap]) => {
    const members: Member[] = [
      ["type", JSON.stringify(type)],
      ["id", id],
    ];
    return objectText(swap ? members.reverse() : members, s);
  });

const resourceText = fc
  .tuple(
    fc.constantFrom("agent", "model", "file", "org"),
    fc.constantFrom("id", "id", "id", "key", "key", "both", "none"),
    stringValue,
    rarely(fc.constant('{"ownerId":"u1"}')),
    spaces,
    fc.integer({ min: 0, max: 5 }).map((dice) => dice === 0),
  )
  .map(([type, naming, value, attributes, s, swap]) => {
    const members: Member[] = [["type", JSON.stringify(type)]];
    if (naming === "id" || naming === "both") members.push(["id", value]);
    if (naming === "key" || naming === "both") members.push(["key", value]);
    if (attributes !== undefined) members.push(["attributes", attributes]);
    return objectText(swap ? members.reverse() : members, s);
  });

const checkText = fc
  .tuple(
    fc.option(subjectText, { nil: undefined }),
    stringValue,
    resourceText,
    rarely(fc.constant('{"sizeBytes":1048576}')),
    spaces,
    fc.constantFrom("written", "written", "written", "written", "reversed"),
  )
  .map(([subject, action, resource, context, s, order]) => {
    const members: Member[] = [];
    if (subject !== undefined) members.push(["subject", subject]);
    members.push(["action", action], ["resource", resource]);
    if (context !== undefined) members.push(["context", context]);
    return objectText(order === "reversed" ? members.reverse() : members, s);
  });

const batchText = fc
  .tuple(fc.array(checkText, { maxLength: 6 }), rarely(subjectText), ws, ws, spaces)
  .map(([checks, subject, a, b, s]) => {
    const members: Member[] = [["checks", `[${a}${checks.join(`${a},${b}`)}${b}]`]];
    if (subject !== undefined) members.push(["subject", subject]);
    return objectText(members, s);
  });

/** Bodies as JSON.stringify writes checks of the documented shape, compact or indented. */
const writtenCheck = fc
  .tuple(
    rarely(fc.tuple(fc.constantFrom("user", "team"), text)),
    text,
    fc.constantFrom("agent", "model"),
    fc.constantFrom("id", "key"),
    text,
  )
  .map(([subject, action, type, naming, value]) => ({
    ...(subject && { subject: { type: subject[0], id: subject[1] } }),
    action,
    resource: { type, [naming]: value },
  }));
const written = fc
  .tuple(
    fc.oneof(writtenCheck, fc.array(writtenCheck, { maxLength: 8 })),
    fc.constantFrom(undefined, 2, "\t"),
  )
  .map(([value, indent]) => JSON.stringify(Array.isArray(value) ? { checks: value } : value, null, indent));

const body = fc.oneof({ arbitrary: written, weight: 2 }, checkText, batchText);

describe("parseCheckBody", () => {
  afterEach(() => vi.restoreAllMocks());

  /**
   * Holds `bodies` to JSON.parse, and checks that at least `fastShare` of them were read by the fast
   * path, so that the property is not JSON.parse against itself.
   */
  function holdsOn(bodies: fc.Arbitrary<string>, fastShare: number): void {
    let runs = 0;
    let slow = 0;
    vi.spyOn(JSON, "parse").mockImplementation((text, reviver) => {
      slow += 1;
      return jsonParse(text, reviver);
    });
    fc.assert(
      fc.property(bodies, (b) => {
        runs += 1;
        return sameOutcome(b);
      }),
      { numRuns: 3000 },
    );
    expect((runs - slow) / runs).toBeGreaterThan(fastShare);
  }

  it("reads every body as JSON.parse does: the same value, keys in the same order, or the same error", () => {
    holdsOn(body, 0.25);
  });

  it("reads every cut or altered body as JSON.parse does", () => {
    const altered = fc
      .tuple(body, fc.nat(), fc.constantFrom("", ",", "]", "}", '"', "\\", " ", "x", "\u0001"))
      .map(([b, at, insert]) => {
        const cut = at % (b.length + 1);
        return insert === "" ? b.slice(0, cut) : b.slice(0, cut) + insert + b.slice(cut);
      });
    holdsOn(altered, 0.05);
  });

  it("reads the form JSON.stringify writes without JSON.parse, single checks and batches", () => {
    const parse = vi.spyOn(JSON, "parse");
    const check = {
      subject: { type: "user", id: "7a0e3c9e-2f55-4a53-9b47-2b4b0c2b8f10" },
      action: "agents:run",
      resource: { type: "agent", id: "0b8f6c1e-5d3a-4e7b-8c2d-9f1a2b3c4d5e" },
    };
    const byKey = { action: "models:use", resource: { type: "model", key: "gpt-4o" } };
    const single = JSON.stringify(check);
    const batch = JSON.stringify({ checks: [check, byKey, check] });
    const spaced = JSON.stringify({ checks: [byKey, check] }, null, 2);
    expect(parseCheckBody(single)).toEqual(check);
    expect(parseCheckBody(batch)).toEqual({ checks: [check, byKey, check] });
    expect(parseCheckBody(spaced)).toEqual({ checks: [byKey, check] });
    expect(parse).not.toHaveBeenCalled();

    // Anything else is JSON.parse's.
    const withContext = { ...byKey, context: { sizeBytes: 1 } };
    expect(parseCheckBody(JSON.stringify({ checks: [check, withContext] }))).toEqual({
      checks: [check, withContext],
    });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it("gives a check its ids' words only when they are its own ids, and always in the compact form", () => {
    const canonical = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const wordsOf = (id: string) => {
      const words = new Int32Array(4);
      return readUuid(Buffer.from(id, "latin1"), 0, words, 0) ? [...words] : undefined;
    };
    const asked = fc
      .array(fc.tuple(fc.constantFrom("user", "team"), text, text, fc.constantFrom("id", "key"), text), {
        minLength: 1,
        maxLength: 4,
      })
      .map((checks) =>
        checks.map(([type, id, action, naming, value]) => ({
          subject: { type, id },
          action,
          resource: { type: "agent", [naming]: value },
        })),
      );
    const bodies = fc.oneof(
      written,
      fc
        .tuple(asked, fc.constantFrom(undefined, 2))
        .map(([checks, indent]) =>
          JSON.stringify(checks.length === 1 ? checks[0] : { checks }, null, indent),
        ),
    );
    let keyed = 0;
    fc.assert(
      fc.property(bodies, (text) => {
        const value = parseAsRoutesDo(text) as { checks?: unknown[] };
        const checks = (value.checks ?? [value]) as {
          subject?: { id: string };
          resource: { id?: string; key?: string };
          [CHECK_IDS]?: CheckIds;
        }[];
        // Compact, ASCII and without escapes: the fast path's form, ids read from the bytes.
        const compact = !/[\\\n]/.test(text) && asciiOf(text) !== undefined;
        for (const check of checks) {
          const ids = check[CHECK_IDS];
          const subjectId = check.subject?.id ?? "";
          const resourceId = check.resource.id ?? check.resource.key ?? "";
          const own = canonical.test(subjectId) && canonical.test(resourceId);
          if (ids === undefined) {
            expect(own && compact, text).toBe(false);
            continue;
          }
          keyed += 1;
          expect(own, text).toBe(true);
          expect([...ids.words.subarray(ids.at, ids.at + 8)]).toEqual([
            ...(wordsOf(subjectId) as number[]),
            ...(wordsOf(resourceId) as number[]),
          ]);
        }
      }),
      { numRuns: 3000 },
    );
    expect(keyed).toBeGreaterThan(150);
    // Words go one after the other for the checks that have them, however many short checks come first.
    const short = { action: "agents:run", resource: { type: "agent", key: "a" } };
    const mixed = [
      ...Array<typeof short>(40).fill(short),
      ...Array.from({ length: 20 }, (_, i) => ({
        subject: { type: "user", id: `7a0e3c9e-2f55-4a53-9b47-${String(i).padStart(12, "0")}` },
        action: "agents:run",
        resource: { type: "agent", id: "0b8f6c1e-5d3a-4e7b-8c2d-9f1a2b3c4d5e" },
      })),
    ];
    const mixedText = JSON.stringify({ checks: mixed });
    const read = (
      parseAsRoutesDo(mixedText) as { checks: { subject?: { id: string }; [CHECK_IDS]?: CheckIds }[] }
    ).checks;
    expect(read.filter((c) => c[CHECK_IDS] !== undefined)).toHaveLength(20);
    for (const c of read.slice(40)) {
      const ids = c[CHECK_IDS] as CheckIds;
      expect([...ids.words.subarray(ids.at, ids.at + 4)]).toEqual(wordsOf(c.subject?.id ?? ""));
    }
    // Without the bytes (a text with characters beyond ASCII), no check has them.
    const check = {
      subject: { type: "user", id: "7a0e3c9e-2f55-4a53-9b47-2b4b0c2b8f10" },
      action: "agents:run",
      resource: { type: "agent", id: "0b8f6c1e-5d3a-4e7b-8c2d-9f1a2b3c4d5e" },
    };
    expect(
      (parseCheckBody(JSON.stringify(check)) as typeof check & { [CHECK_IDS]?: CheckIds })[CHECK_IDS],
    ).toBe(undefined);
    // Nor does JSON.stringify see them.
    const single = JSON.stringify(check);
    expect(JSON.stringify(parseAsRoutesDo(single))).toBe(single);
  });

  it("refuses what JSON refuses, with JSON.parse's error", () => {
    const check = '{"action":"agents:run","resource":{"type":"agent","id":"a1"}}';
    const bad = [
      "",
      "{}}",
      '{"checks":[]',
      `{"checks":[${check}]`,
      `{"checks":[${check},]}`,
      `{"checks":[${check}]}]`,
      `${check},`,
      `${check}]`,
      `${check}}`,
      `\f${check}`,
      `{"checks":[${check}]}\u00a0`,
      check.replace("a1", "a\u0001"),
      check.replace("a1", "a\\"),
    ];
    for (const text of bad) expect(() => parseAsRoutesDo(text), text).toThrow(SyntaxError);
  });
});
