import { describe, expect, it } from "vitest";
import { newId, UUID_PATTERN } from "./ids.js";

describe("ids", () => {
  it("are UUIDv7 and sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, newId);
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("carry their creation time in the first 48 bits, and random bits after the counter", () => {
    const before = Date.now();
    const ids = Array.from({ length: 3000 }, newId);
    const after = Date.now();
    for (const id of ids) {
      const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
      // A burst of more than 4,096 ids in one millisecond borrows the next one: a few ms of slack.
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after + 5);
    }
    const randomParts = new Set(ids.map((id) => id.slice(20)));
    expect(randomParts.size).toBe(ids.length);
  });
});
