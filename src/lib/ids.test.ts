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
});
