import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSealer, loadOrCreateSecretKey, parseSecretKey } from "./sealing.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("sealing", () => {
  const key = Buffer.alloc(32, 7);

  it("round-trips, uses a fresh nonce each time, and refuses tampering and other keys", () => {
    const sealer = createSealer(key);
    const a = sealer.seal("client-secret-ü");
    const b = sealer.seal("client-secret-ü");
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(sealer.unseal(a)).toBe("client-secret-ü");
    const flipped = `${a.slice(0, -2)}${a.at(-2) === "A" ? "B" : "A"}${a.at(-1)}`;
    expect(() => sealer.unseal(flipped)).toThrow();
    expect(() => createSealer(Buffer.alloc(32, 8)).unseal(a)).toThrow();
    expect(() => sealer.unseal("plain text")).toThrow(/Not a sealed value/);
    const bound = sealer.seal("token", "invitation:1");
    expect(sealer.unseal(bound, "invitation:1")).toBe("token");
    expect(() => sealer.unseal(bound, "invitation:2")).toThrow();
  });

  it("reads SECRET_KEY as hex or base64 of 32 bytes", () => {
    expect(parseSecretKey("07".repeat(32))).toEqual(key);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseSecretKey("too short")).toBeUndefined();
  });

  it("generates a key once into the data directory, private to its owner, and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-key-"));
    dirs.push(dir);
    const first = loadOrCreateSecretKey(null, dir);
    expect(loadOrCreateSecretKey(null, dir)).toEqual(first);
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, "secret.key"), "utf8").trim()).toHaveLength(64);
    expect(loadOrCreateSecretKey(key, dir)).toEqual(key);
  });
});
