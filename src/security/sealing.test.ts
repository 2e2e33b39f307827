import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSealingKey, sealSecret, unsealSecret } from "./sealing.js";

const key = Buffer.alloc(32, 7);

describe("sealing", () => {
  it("opens what it sealed, under the same key and context only", () => {
    const sealed = sealSecret(key, "the-token", "inv_1");
    expect(sealed).not.toContain("the-token");
    expect(unsealSecret(key, sealed, "inv_1")).toBe("the-token");
    expect(unsealSecret(key, sealed, "inv_2")).toBeNull();
    expect(unsealSecret(Buffer.alloc(32, 8), sealed, "inv_1")).toBeNull();
  });

  it("refuses an altered value and seals the same text differently each time", () => {
    const sealed = sealSecret(key, "the-token", "inv_1");
    const last = sealed.at(-2) === "A" ? "B" : "A";
    expect(unsealSecret(key, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, "inv_1")).toBeNull();
    expect(unsealSecret(key, "garbage", "inv_1")).toBeNull();
    expect(sealSecret(key, "the-token", "inv_1")).not.toBe(sealed);
  });

  it("generates DATA_DIR/secret.key once, readable by the owner only, unless SECRET_KEY is set", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "gh-seal-"));
    const first = resolveSealingKey({ secretKey: null, dataDir });
    expect(first).toHaveLength(32);
    const file = path.join(dataDir, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.toString("hex"));
    expect(resolveSealingKey({ secretKey: null, dataDir })).toEqual(first);
    expect(resolveSealingKey({ secretKey: key, dataDir })).toBe(key);
  });
});
