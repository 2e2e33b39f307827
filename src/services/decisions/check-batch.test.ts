import { describe, expect, it } from "vitest";
import { isAppError } from "../../domain/errors.js";
import { withBatchDefaults } from "./check-batch.js";

const agent = { type: "agent" as const, key: "customer_support_bot" };
const someone = { type: "user" as const, id: "0190a000-0000-7000-8000-000000000001" };

describe("withBatchDefaults", () => {
  it("returns a check that needs no default as it is, with no copy", () => {
    const check = { action: "agents:run", resource: agent };
    expect(withBatchDefaults(check, {})).toBe(check);
    expect(withBatchDefaults(check, { action: "agents:edit" })).toBe(check);
  });

  it("fills what the check leaves out; what it names replaces the default whole", () => {
    const defaults = { subject: someone, action: "files:upload", context: { sizeBytes: 5, dataScope: "x" } };
    expect(withBatchDefaults({ resource: { type: "org" } }, defaults)).toEqual({
      subject: someone,
      action: "files:upload",
      resource: { type: "org" },
      context: { sizeBytes: 5, dataScope: "x" },
    });
    expect(withBatchDefaults({ resource: { type: "org" }, context: { sizeBytes: 7 } }, defaults)).toEqual({
      subject: someone,
      action: "files:upload",
      resource: { type: "org" },
      context: { sizeBytes: 7 },
    });
  });

  it("leaves the subject out when neither names one (the caller asks about itself)", () => {
    const filled = withBatchDefaults({ action: "agents:run" }, { resource: agent });
    expect(filled).toEqual({ action: "agents:run", resource: agent });
    expect("subject" in filled).toBe(false);
  });

  it("a check left without an action or resource is a validation error naming what is missing", () => {
    for (const [check, missing] of [
      [{ resource: agent }, "action"],
      [{ action: "agents:run" }, "resource"],
    ] as const) {
      try {
        withBatchDefaults(check, {});
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error, "VALIDATION_FAILED")).toBe(true);
        expect((error as { details: unknown }).details).toEqual({ missing });
      }
    }
  });
});
