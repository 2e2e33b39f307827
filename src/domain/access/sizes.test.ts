import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSizeExact, parseSize } from "./sizes.js";

describe("sizes", () => {
  it("read the seed's notation with binary units", () => {
    expect(parseSize("100MB")).toBe(100 * 1024 * 1024);
    expect(parseSize("1.5GB")).toBe(1.5 * 1024 ** 3);
    expect(parseSize("500 mb")).toBe(500 * 1024 * 1024);
    expect(parseSize(2048)).toBe(2048);
    expect(() => parseSize("lots")).toThrow(/size such as "100MB"/);
  });

  it("write back without losing a byte", () => {
    expect(formatSizeExact(100 * 1024 * 1024)).toBe("100MB");
    expect(formatSizeExact(150_000_000)).toBe(150_000_000);
    fc.assert(
      fc.property(fc.nat(2 ** 45), (bytes) => {
        expect(parseSize(formatSizeExact(bytes))).toBe(bytes);
      }),
    );
  });
});
