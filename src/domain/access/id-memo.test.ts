import { describe, expect, it } from "vitest";
import { type CheckIds, readUuid } from "./check-ids.js";
import { allow, deny } from "./decision.js";
import { IdMemo } from "./id-memo.js";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const FOREVER = Number.POSITIVE_INFINITY;
const uuid = (n: number) => `0190f3a2-7c1e-7a3b-9c2d-${n.toString(16).padStart(12, "0")}`;
const ids = (subject: string, resource: string): CheckIds => {
  const words = new Int32Array(8);
  const bytes = Buffer.from(subject + resource, "latin1");
  if (!readUuid(bytes, 0, words, 0) || !readUuid(bytes, 36, words, 4)) throw new Error("not UUIDs");
  return { words, at: 0 };
};

describe("the decision memo's id table", () => {
  it("answers with what it keeps, under the ids and the tag together", () => {
    const memo = new IdMemo();
    const yes = allow("Allowed.", []);
    const no = deny("NO_ACCESS", "Not this one.");
    expect(memo.put(ids(uuid(1), uuid(2)), 4, yes, FOREVER)).toBe(true);
    expect(memo.put(ids(uuid(1), uuid(2)), 5, no, FOREVER)).toBe(true);
    expect(memo.get(ids(uuid(1), uuid(2)), 4, NOW)).toBe(yes);
    expect(memo.get(ids(uuid(1), uuid(2)), 5, NOW)).toBe(no);
    expect(memo.get(ids(uuid(1), uuid(2)), 6, NOW)).toBeUndefined();
    expect(memo.get(ids(uuid(2), uuid(1)), 4, NOW)).toBeUndefined();
    expect(memo.get(ids(uuid(1), uuid(3)), 4, NOW)).toBeUndefined();
    expect(memo.size).toBe(2);
  });

  it("finds every one of many thousands, at an offset in a shared array, as it grows", () => {
    const memo = new IdMemo();
    const shared = new Int32Array(8 * 3);
    const at = (subject: number, resource: number): CheckIds => {
      shared.set(ids(uuid(subject), uuid(resource)).words, 8);
      return { words: shared, at: 8 };
    };
    const decisions = Array.from({ length: 20_000 }, (_, i) => allow(`Allowed ${i}.`, []));
    decisions.forEach((d, i) => {
      expect(memo.put(at(i % 500, i), i % 3, d, FOREVER)).toBe(true);
    });
    expect(memo.size).toBe(20_000);
    expect(memo.tableBytes).toBe(32_768 * 10 * 4);
    decisions.forEach((d, i) => {
      expect(memo.get(at(i % 500, i), i % 3, NOW)).toBe(d);
      expect(memo.get(at(i % 500, i), (i % 3) + 3, NOW)).toBeUndefined();
    });
  });

  it("stops answering with a decision once it ends, and a new one takes its row", () => {
    const memo = new IdMemo();
    const key = ids(uuid(7), uuid(8));
    const ends = Date.parse("2026-07-31T00:00:00.000Z");
    const project = allow("Allowed: a member of Project Alpha.", []);
    expect(memo.put(key, 0, project, ends)).toBe(true);
    expect(memo.get(key, 0, ends - 1)).toBe(project);
    expect(memo.get(key, 0, ends)).toBeUndefined();
    const after = deny("NO_ACCESS", "Project Alpha has ended.");
    expect(memo.put(key, 0, after, FOREVER)).toBe(false);
    expect(memo.get(key, 0, ends + 1)).toBe(after);
    expect(memo.size).toBe(1);
  });
});
