import { describe, expect, it } from "vitest";
import { paddedInList } from "./in-list.js";

describe("paddedInList", () => {
  it("pads to a few lengths with the last value, so statement texts repeat", () => {
    expect(paddedInList([])).toEqual([]);
    expect(paddedInList(["a"])).toEqual(["a"]);
    expect(paddedInList(["a", "b", "c"])).toEqual(["a", "b", "c", "c"]);
    const lengths = new Set<number>();
    for (let n = 1; n <= 500; n++) {
      const values = Array.from({ length: n }, (_, i) => i);
      const padded = paddedInList(values);
      expect(new Set(padded)).toEqual(new Set(values));
      expect(padded.length).toBeLessThan(Math.max(2 * n, n + 64));
      lengths.add(padded.length);
    }
    expect([...lengths]).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 320, 384, 448, 512]);
  });
});
