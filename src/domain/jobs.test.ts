import { describe, expect, it } from "vitest";
import { jobErrorText, retryDelayMs } from "./jobs.js";

describe("retryDelayMs", () => {
  it("doubles per attempt between half and all of the ceiling", () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 0.999999)).toBe(30_000);
    expect(retryDelayMs(3, 0)).toBe(60_000);
    expect(retryDelayMs(3, 0.5)).toBe(90_000);
  });

  it("stops growing at the cap", () => {
    expect(retryDelayMs(40, 0.999999, { baseMs: 1_000, capMs: 10_000 })).toBe(10_000);
    expect(retryDelayMs(40, 0, { baseMs: 1_000, capMs: 10_000 })).toBe(5_000);
  });
});

describe("jobErrorText", () => {
  it("keeps one bounded line", () => {
    expect(jobErrorText(new Error("550 mailbox\n  unavailable"))).toBe("550 mailbox unavailable");
    expect(jobErrorText("x".repeat(5_000))).toHaveLength(1_000);
    expect(jobErrorText("")).toBe("unknown error");
  });
});
