import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditCsvLine, csvCell } from "../domain/audit-export.js";
import {
  auditEntryBody,
  auditEntryHash,
  type ChainedFields,
  GENESIS_HASH,
  type StoredChainEntry,
  verifyAuditChain,
} from "./audit-chain.js";
import { HASHED_FIELDS } from "./audit-entry-bytes.js";
import { canonicalJson } from "./canonical-json.js";

function chain(n: number): StoredChainEntry[] {
  const out: StoredChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      id: `e${seq}`,
      chain_id: "org1",
      seq,
      org_id: "org1",
      actor_user_id: "u1",
      actor_api_key_id: null,
      source: "console",
      action: "member.added",
      target_type: "member",
      target_id: `m${seq}`,
      before: null,
      after: JSON.stringify({ role: "member" }),
      created_at: `2026-01-01T00:00:0${seq}.000Z`,
    };
    const hash = auditEntryHash(fields, prev);
    out.push({ ...fields, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

const headOf = (entries: StoredChainEntry[]) => {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe("HASHED_FIELDS", () => {
  it("lists every chained field and the previous hash, in canonicalJson's key order", () => {
    const { hash: _hash, ...fields } = chain(1)[0] as StoredChainEntry;
    expect([...HASHED_FIELDS]).toEqual(Object.keys(JSON.parse(canonicalJson(fields))));
  });
});

describe("auditEntryBody", () => {
  it("is the canonical JSON of the entry's fields and the previous hash, byte for byte", () => {
    const base = chain(3)[2] as StoredChainEntry;
    const variants: ChainedFields[] = [
      base,
      { ...base, org_id: null, actor_user_id: null, after: null, before: '{"role":"admin"}' },
      {
        ...base,
        action: 'quote " and \\ backslash',
        target_id: "\u00e9\u2028\ud83d\ude00",
        seq: 12345678901,
      },
      { ...base, target_type: "line\nbreak\ttab\u0001", id: "lone \ud800 surrogate", after: '{"a":"\\\\"}' },
      { ...base, source: undefined as unknown as string },
    ];
    for (const entry of variants) {
      const expected = canonicalJson({
        id: entry.id,
        chain_id: entry.chain_id,
        seq: Number(entry.seq),
        org_id: entry.org_id,
        actor_user_id: entry.actor_user_id,
        actor_api_key_id: entry.actor_api_key_id,
        source: entry.source,
        action: entry.action,
        target_type: entry.target_type,
        target_id: entry.target_id,
        before: entry.before,
        after: entry.after,
        created_at: entry.created_at,
        prev_hash: base.prev_hash,
      });
      expect(auditEntryBody(entry, base.prev_hash)).toBe(expected);
    }
    expect(() => auditEntryBody({ ...base, seq: Number.NaN }, GENESIS_HASH)).toThrow(/finite/);
  });
});

describe("auditEntryHash", () => {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  // Any UTF-16 code units: quotes, backslashes, control characters, non-ASCII, lone surrogates.
  const unit = fc
    .oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0, max: 0xffff }),
      fc.constantFrom(0x00, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0x80, 0x2028, 0xd800, 0xdbff, 0xdc00, 0xdfff),
    )
    .map((c) => String.fromCharCode(c));
  const text = fc.string({ unit });
  const mostlyAscii = fc.oneof(text, fc.string(), fc.json());

  it("is SHA-256 of the entry's body, for any text in any field (the bytes are written directly)", () => {
    fc.assert(
      fc.property(
        fc.record({
          id: mostlyAscii,
          chain_id: mostlyAscii,
          seq: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
          org_id: fc.option(mostlyAscii),
          actor_user_id: fc.option(mostlyAscii),
          actor_api_key_id: fc.option(mostlyAscii),
          source: mostlyAscii,
          action: mostlyAscii,
          target_type: mostlyAscii,
          target_id: mostlyAscii,
          before: fc.option(mostlyAscii),
          after: fc.option(fc.oneof(fc.json(), text)),
          created_at: mostlyAscii,
        }),
        mostlyAscii,
        (entry, prevHash) => {
          expect(auditEntryHash(entry, prevHash)).toBe(sha256(auditEntryBody(entry, prevHash)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("hashes long entries (the buffer grows; huge ones go through the string) and undefined fields", () => {
    const base = chain(1)[0] as StoredChainEntry;
    // 10,000 repeats fit the buffer once it grows; 50,000 are past its 1 MiB cap.
    for (const repeat of [10_000, 50_000]) {
      const long = { ...base, after: JSON.stringify({ note: '\u00e9"x'.repeat(repeat) }) };
      expect(auditEntryHash(long, GENESIS_HASH)).toBe(sha256(auditEntryBody(long, GENESIS_HASH)));
    }
    const partial = { ...base, actor_api_key_id: undefined as unknown as null };
    expect(auditEntryHash(partial, GENESIS_HASH)).toBe(sha256(auditEntryBody(partial, GENESIS_HASH)));
    expect(auditEntryHash(base, GENESIS_HASH)).toBe(base.hash);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth, drops undefined members, keeps arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
  });
});

describe("audit chain", () => {
  it("accepts an intact chain and an empty one", () => {
    const entries = chain(5);
    expect(verifyAuditChain("org1", entries, headOf(entries))).toBeNull();
    expect(verifyAuditChain("org1", [], null)).toBeNull();
  });

  it("the hash covers every field and the previous hash", () => {
    const [first] = chain(1);
    if (!first) throw new Error("no entry");
    expect(auditEntryHash({ ...first, source: "api" }, GENESIS_HASH)).not.toBe(first.hash);
    expect(auditEntryHash(first, "1".repeat(64))).not.toBe(first.hash);
    expect(auditEntryHash(first, GENESIS_HASH)).toBe(first.hash);
  });

  it("finds the first edited entry", () => {
    const entries = chain(5);
    entries[3] = { ...(entries[3] as StoredChainEntry), after: '{"role":"admin"}' };
    expect(verifyAuditChain("org1", entries, headOf(entries))).toMatchObject({ kind: "edited", seq: 4 });
  });

  it("finds a removed entry, and a removed tail through the head", () => {
    const entries = chain(5);
    const head = headOf(entries);
    expect(verifyAuditChain("org1", [...entries.slice(0, 2), ...entries.slice(3)], head)).toMatchObject({
      kind: "removed",
      seq: 3,
    });
    expect(verifyAuditChain("org1", entries.slice(0, 3), head)).toMatchObject({ kind: "removed", seq: 4 });
  });

  it("finds reordered entries even when their seq numbers are swapped back", () => {
    const entries = chain(5);
    const a = entries[1] as StoredChainEntry;
    const b = entries[2] as StoredChainEntry;
    const swapped = [
      entries[0],
      { ...b, seq: 2 },
      { ...a, seq: 3 },
      entries[3],
      entries[4],
    ] as StoredChainEntry[];
    expect(verifyAuditChain("org1", swapped, headOf(entries))).toMatchObject({ kind: "reordered", seq: 2 });
  });
});

describe("audit CSV", () => {
  it("quotes every cell, doubles quotes and defuses formulas", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
    const line = auditCsvLine({
      id: "e1",
      seq: 1,
      createdAt: "2026-01-01T00:00:00.000Z",
      action: "member.added",
      source: "console",
      actor: { userId: "u1", name: "=cmd|' /C calc'!A0", email: "a@b.test", apiKeyId: null },
      target: { type: "member", id: "m1" },
      before: null,
      after: { role: "member" },
      hash: "h",
    });
    expect(line.endsWith("\r\n")).toBe(true);
    expect(line).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(line).toContain(`"{""role"":""member""}"`);
  });
});
