import { describe, expect, it } from "vitest";
import { hashToken, isWellFormedToken, newToken } from "./tokens.js";

describe("tokens", () => {
  it("carry 256 random bits as 43 base64url characters", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(new Set(Array.from({ length: 1000 }, newToken)).size).toBe(1000);
  });

  it("are stored as a SHA-256 hex digest that does not contain the token", () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
  });

  it("refuses anything not shaped like one before any lookup", () => {
    expect(isWellFormedToken(newToken())).toBe(true);
    for (const bad of [
      "",
      "short",
      `${newToken()}x`,
      `${newToken().slice(0, 42)}=`,
      "' or 1=1 --".padEnd(43, "a"),
    ]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});
