import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "./errors.js";
import {
  canTransition,
  effectiveStatus,
  extendedExpiry,
  INVITATION_ACTIONS,
  INVITATION_STATUSES,
  type InvitationStatus,
  MAX_EXPIRY_DAYS,
  transition,
} from "./invitation.js";

const DAY = 24 * 60 * 60 * 1000;
const action = fc.constantFrom(...INVITATION_ACTIONS);

function tryTransition(from: InvitationStatus, act: (typeof INVITATION_ACTIONS)[number]) {
  try {
    return { ok: true as const, to: transition(from, act) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false as const, code: error.code };
  }
}

describe("invitation state machine", () => {
  it("has no path out of accepted or revoked", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<InvitationStatus>("accepted", "revoked"),
        fc.array(action),
        (start, actions) => {
          let status = start;
          for (const act of actions) {
            const result = tryTransition(status, act);
            if (result.ok) status = result.to;
          }
          expect(status).toBe(start);
        },
      ),
    );
  });

  it("accepts a token at most once, whatever happens around it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(action, fc.constant("time-passes" as const)), { maxLength: 40 }),
        (steps) => {
          let status: InvitationStatus = "pending";
          let accepts = 0;
          for (const step of steps) {
            if (step === "time-passes") {
              if (status === "pending") status = "expired";
              continue;
            }
            const result = tryTransition(status, step);
            if (!result.ok) continue;
            if (step === "accept") accepts += 1;
            status = result.to;
          }
          expect(accepts).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("refuses with the code a user needs", () => {
    expect(tryTransition("accepted", "accept")).toEqual({ ok: false, code: "INVITATION_USED" });
    expect(tryTransition("revoked", "accept")).toEqual({ ok: false, code: "INVITATION_REVOKED" });
    expect(tryTransition("expired", "accept")).toEqual({ ok: false, code: "INVITATION_EXPIRED" });
    expect(tryTransition("expired", "edit")).toEqual({ ok: false, code: "INVITATION_EXPIRED" });
    expect(tryTransition("revoked", "resend")).toEqual({ ok: false, code: "INVITATION_REVOKED" });
  });

  it("lets expired invitations be extended, resent or revoked (they stay listed until revoked)", () => {
    expect(canTransition("expired", "extend")).toBe(true);
    expect(canTransition("expired", "resend")).toBe(true);
    expect(canTransition("expired", "revoke")).toBe(true);
    expect(canTransition("expired", "accept")).toBe(false);
  });

  it("every status/action pair either transitions or names an error", () => {
    for (const status of INVITATION_STATUSES) {
      for (const act of INVITATION_ACTIONS) {
        const result = tryTransition(status, act);
        expect(result.ok || typeof result.code === "string").toBe(true);
      }
    }
  });

  it("treats a pending invitation as expired from its expiry instant on", () => {
    const expiresAt = "2026-03-01T12:00:00.000Z";
    expect(effectiveStatus({ status: "pending", expiresAt }, new Date("2026-03-01T11:59:59.999Z"))).toBe(
      "pending",
    );
    expect(effectiveStatus({ status: "pending", expiresAt }, new Date(expiresAt))).toBe("expired");
    expect(effectiveStatus({ status: "revoked", expiresAt }, new Date("2027-01-01"))).toBe("revoked");
  });

  it("never shortens an invitation when extending, and never beyond the longest expiry", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -60, max: 30 }),
        fc.integer({ min: 1, max: MAX_EXPIRY_DAYS }),
        (offsetDays, days) => {
          const now = new Date("2026-05-01T00:00:00.000Z");
          const current = new Date(now.getTime() + offsetDays * DAY).toISOString();
          try {
            const next = Date.parse(extendedExpiry(current, now, days));
            expect(next).toBeGreaterThan(Math.max(Date.parse(current), now.getTime()) - 1);
            expect(next).toBeLessThanOrEqual(now.getTime() + MAX_EXPIRY_DAYS * DAY);
          } catch (error) {
            expect(isAppError(error, "VALIDATION_FAILED")).toBe(true);
            expect(Math.max(Date.parse(current), now.getTime()) + days * DAY).toBeGreaterThan(
              now.getTime() + MAX_EXPIRY_DAYS * DAY,
            );
          }
        },
      ),
    );
  });
});
