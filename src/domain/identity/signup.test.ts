import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.js";
import { assertSignupLinkUsable, SIGNUP_LINK_TTL_MS } from "./signup.js";

const now = new Date("2026-05-03T12:00:00.000Z");
const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : "other";
  }
};

describe("sign-up links", () => {
  it("work until they expire, once", () => {
    const expiresAt = new Date(now.getTime() + SIGNUP_LINK_TTL_MS).toISOString();
    expect(codeOf(() => assertSignupLinkUsable({ expiresAt, consumedAt: null }, now))).toBeNull();
    expect(codeOf(() => assertSignupLinkUsable({ expiresAt, consumedAt: now.toISOString() }, now))).toBe(
      "SIGNUP_LINK_USED",
    );
  });

  it("are dead at the exact second they expire", () => {
    expect(
      codeOf(() => assertSignupLinkUsable({ expiresAt: now.toISOString(), consumedAt: null }, now)),
    ).toBe("SIGNUP_LINK_EXPIRED");
  });

  it("say used rather than expired when both are true (the person already has an account)", () => {
    const past = new Date(now.getTime() - 1000).toISOString();
    expect(codeOf(() => assertSignupLinkUsable({ expiresAt: past, consumedAt: past }, now))).toBe(
      "SIGNUP_LINK_USED",
    );
  });
});
