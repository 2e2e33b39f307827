import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeEmail, requireEmail } from "./email.js";
import { isAppError } from "./errors.js";

describe("emails", () => {
  it("are trimmed and lower-cased", () => {
    expect(normalizeEmail("  Alice.Johnson@Company.COM \n")).toBe("alice.johnson@company.com");
  });

  it.each([
    "",
    "alice",
    "alice@",
    "@company.com",
    "alice@company",
    "alice@@company.com",
    "al ice@company.com",
    "alice@company..com",
    "alice@-company.com",
    ".alice@company.com",
    "alice.@company.com",
    "alice@company.123",
    "alice@[127.0.0.1]",
    '"alice"@company.com',
    `${"a".repeat(65)}@company.com`,
    `alice@${"a".repeat(250)}.com`,
  ])("refuses %j", (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it("accepts the seeds' addresses", () => {
    for (const email of [
      "alice@company.com",
      "bob@co.com",
      "colleague@company.com",
      "a+tag@sub.example.co.uk",
    ]) {
      expect(normalizeEmail(email)).toBe(email);
    }
  });

  it("normalization is idempotent", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normalizeEmail(email);
        if (once !== null) expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });

  it("requireEmail says which address is wrong", () => {
    try {
      requireEmail("not-an-email");
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, "VALIDATION_FAILED")).toBe(true);
      expect((error as Error).message).toContain("not-an-email");
    }
  });
});
