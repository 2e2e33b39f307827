import { describe, expect, it } from "vitest";
import { argon2Hasher, createArgon2Hasher } from "./passwords.js";

describe("passwords", () => {
  it("are hashed with argon2id at OWASP's parameters (m=19 MiB, t=2, p=1)", async () => {
    const hash = await argon2Hasher.hash("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2Hasher.verify(hash, "correct horse battery")).toBe(true);
    expect(await argon2Hasher.verify(hash, "correct horse batterz")).toBe(false);
  });

  it("verify hashes made with other parameters, and treat garbage as a mismatch", async () => {
    const cheap = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const hash = await cheap.hash("pw-123456");
    expect(await argon2Hasher.verify(hash, "pw-123456")).toBe(true);
    expect(await argon2Hasher.verify("not a hash", "pw-123456")).toBe(false);
  });

  it("salt every hash", async () => {
    const cheap = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    expect(await cheap.hash("same")).not.toBe(await cheap.hash("same"));
  });
});
