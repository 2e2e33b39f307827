import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readUuid } from "./check-ids.js";

const read = (text: string, from = 0) => {
  const words = new Int32Array(4);
  return readUuid(Buffer.from(text, "latin1"), from, words, 0) ? [...words].map((w) => w >>> 0) : undefined;
};

describe("readUuid", () => {
  it("reads a canonical UUID's 128 bits into four words, from where it starts", () => {
    expect(read("0190f3a2-7c1e-7a3b-9c2d-4e5f6a7b8c9d")).toEqual([
      0x0190f3a2, 0x7c1e7a3b, 0x9c2d4e5f, 0x6a7b8c9d,
    ]);
    expect(read('{"id":"ffffffff-0000-0000-0000-00000000000f"}', 7)).toEqual([0xffffffff, 0, 0, 0xf]);
  });

  it("reads nothing else: uppercase, misplaced dashes, other characters, too little text", () => {
    const good = "0190f3a2-7c1e-7a3b-9c2d-4e5f6a7b8c9d";
    const bad = [
      good.toUpperCase(),
      good.replace("f", "F"),
      good.replace("-", "0"),
      `${good.slice(0, 8)}0${good.slice(9)}`,
      good.replace("d", "g"),
      good.replace("a", ":"),
      good.replace("a", "`"),
      good.replace("a", "/"),
      good.replace("a", "\u00e1"),
      good.slice(0, 35),
      "-".repeat(36),
    ];
    for (const text of bad) expect(read(text), text).toBeUndefined();
    expect(read(good, 1)).toBeUndefined();
    expect(read(`x${good}`, -1)).toBeUndefined();
  });

  it("gives two texts the same words only when they are the same text", () => {
    const hexText = (words: number[]) => {
      const hex = words.map((w) => w.toString(16).padStart(8, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const words = read(id);
        expect(words).toBeDefined();
        expect(hexText(words as number[])).toBe(id);
      }),
    );
  });
});
