import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validationMessageOf } from "../../../test/harness/domain.js";
import {
  addDuration,
  DURATION_UNITS,
  describeRemaining,
  extendedEnd,
  MAX_PROJECT_DAYS,
  parseDuration,
  resolveEnd,
} from "./durations.js";

const DAY = 24 * 60 * 60 * 1000;
const utc = (iso: string) => new Date(iso);
/** Dates between 1990 and 2090, to the millisecond. */
const date = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms));

describe("parseDuration", () => {
  it("reads the forms people write", () => {
    expect(parseDuration("6 months")).toEqual({ amount: 6, unit: "month" });
    expect(parseDuration("2 weeks")).toEqual({ amount: 2, unit: "week" });
    expect(parseDuration("90 days")).toEqual({ amount: 90, unit: "day" });
    expect(parseDuration("12 hours")).toEqual({ amount: 12, unit: "hour" });
    expect(parseDuration("1 month")).toEqual({ amount: 1, unit: "month" });
    expect(parseDuration(" 1 Year ")).toEqual({ amount: 1, unit: "year" });
    expect(parseDuration("3d")).toEqual({ amount: 3, unit: "day" });
    expect(parseDuration("6mo")).toEqual({ amount: 6, unit: "month" });
  });

  it("refuses nonsense with a message that shows the form", () => {
    for (const bad of [
      "",
      "six months",
      "6",
      "months",
      "6 fortnights",
      "1.5 months",
      "-2 days",
      "6 months ago",
    ]) {
      expect(
        validationMessageOf(() => parseDuration(bad)),
        bad,
      ).toMatch(/e\.g\. "6 months"/);
    }
    expect(validationMessageOf(() => parseDuration("0 days"))).toMatch(/at least 1 day/);
  });
});

describe("addDuration", () => {
  it("counts calendar months: 6 months from 31 January is 31 July", () => {
    expect(addDuration(utc("2026-01-31T10:30:00.000Z"), parseDuration("6 months")).toISOString()).toBe(
      "2026-07-31T10:30:00.000Z",
    );
    expect(addDuration(utc("2026-01-15T09:00:00.000Z"), parseDuration("6 months")).toISOString()).toBe(
      "2026-07-15T09:00:00.000Z",
    );
  });

  it("clamps to the last day of a shorter month, leap years included", () => {
    expect(addDuration(utc("2026-01-31T00:00:00.000Z"), parseDuration("1 month")).toISOString()).toBe(
      "2026-02-28T00:00:00.000Z",
    );
    expect(addDuration(utc("2028-01-31T00:00:00.000Z"), parseDuration("1 month")).toISOString()).toBe(
      "2028-02-29T00:00:00.000Z",
    );
    expect(addDuration(utc("2028-02-29T12:00:00.000Z"), parseDuration("1 year")).toISOString()).toBe(
      "2029-02-28T12:00:00.000Z",
    );
    expect(addDuration(utc("2026-08-31T00:00:00.000Z"), parseDuration("6 months")).toISOString()).toBe(
      "2027-02-28T00:00:00.000Z",
    );
  });

  it("weeks, days and hours are fixed lengths", () => {
    const start = utc("2026-03-28T23:00:00.000Z");
    expect(addDuration(start, parseDuration("2 weeks")).getTime() - start.getTime()).toBe(14 * DAY);
    expect(addDuration(start, parseDuration("90 days")).getTime() - start.getTime()).toBe(90 * DAY);
    expect(addDuration(start, parseDuration("12 hours")).getTime() - start.getTime()).toBe(12 * 3_600_000);
  });

  it("property: n months later is n calendar months on, never past the start's day, at the same time of day", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 120 }), (start, months) => {
        const end = addDuration(start, { amount: months, unit: "month" });
        const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
        expect(monthIndex(end) - monthIndex(start)).toBe(months);
        expect(end.getUTCDate()).toBeLessThanOrEqual(start.getUTCDate());
        expect(end.getTime() % DAY).toBe(start.getTime() % DAY);
        // The day only moves when the target month is too short for it.
        if (end.getUTCDate() < start.getUTCDate()) {
          expect(new Date(end.getTime() + DAY).getUTCDate()).toBe(1);
        }
      }),
    );
  });

  it("property: every duration ends strictly later, and a longer one never ends earlier", () => {
    fc.assert(
      fc.property(
        date,
        fc.constantFrom(...DURATION_UNITS),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 50 }),
        (start, unit, amount, more) => {
          const end = addDuration(start, { amount, unit });
          expect(end.getTime()).toBeGreaterThan(start.getTime());
          expect(addDuration(start, { amount: amount + more, unit }).getTime()).toBeGreaterThanOrEqual(
            end.getTime(),
          );
        },
      ),
    );
  });
});

describe("resolveEnd", () => {
  const now = utc("2026-01-15T09:00:00.000Z");

  it("takes exactly one of duration and endsAt", () => {
    expect(resolveEnd({ start: now, now, duration: "6 months" }).toISOString()).toBe(
      "2026-07-15T09:00:00.000Z",
    );
    expect(resolveEnd({ start: now, now, endsAt: "2026-03-01T00:00:00Z" }).toISOString()).toBe(
      "2026-03-01T00:00:00.000Z",
    );
    expect(validationMessageOf(() => resolveEnd({ start: now, now }))).toMatch(/not neither/);
    expect(
      validationMessageOf(() =>
        resolveEnd({ start: now, now, duration: "1 day", endsAt: "2026-03-01T00:00:00Z" }),
      ),
    ).toMatch(/not both/);
  });

  it("refuses an end in the past, before the start, or beyond five years", () => {
    expect(
      validationMessageOf(() => resolveEnd({ start: now, now, endsAt: "2026-01-01T00:00:00Z" })),
    ).toMatch(/later/);
    expect(validationMessageOf(() => resolveEnd({ start: now, now, endsAt: "not a date" }))).toMatch(
      /ISO 8601/,
    );
    const longAgo = utc("2025-01-01T00:00:00.000Z");
    expect(validationMessageOf(() => resolveEnd({ start: longAgo, now, duration: "1 week" }))).toMatch(
      /later/,
    );
    expect(validationMessageOf(() => resolveEnd({ start: now, now, duration: "6 years" }))).toMatch(
      /at most 5 years/,
    );
    expect(resolveEnd({ start: now, now, duration: `${MAX_PROJECT_DAYS} days` }).getTime()).toBe(
      now.getTime() + MAX_PROJECT_DAYS * DAY,
    );
  });
});

describe("describeRemaining", () => {
  const now = utc("2026-01-15T09:00:00.000Z").getTime();

  it("says what a countdown shows", () => {
    expect(describeRemaining(now, utc("2026-07-15T09:00:00.000Z").getTime())).toBe("6 months");
    expect(describeRemaining(now, utc("2026-07-16T10:00:00.000Z").getTime())).toBe("6 months 1 day");
    expect(describeRemaining(now, now + 3 * DAY + 4 * 3_600_000)).toBe("3 days 4 hours");
    expect(describeRemaining(now, now + 2 * 3_600_000 + 5 * 60_000)).toBe("2 hours 5 minutes");
    expect(describeRemaining(now, now + 12 * 60_000)).toBe("12 minutes");
    expect(describeRemaining(now, now + 10_000)).toBe("less than a minute");
    expect(describeRemaining(now, now)).toBe("ended");
    expect(describeRemaining(now, now - DAY)).toBe("ended");
  });

  it("rounds the smaller unit it says to the nearest, carrying into the larger", () => {
    const sixMonths = utc("2026-07-15T09:00:00.000Z").getTime();
    // A 6-month project seen a minute after it was made, and a day and a half later.
    expect(describeRemaining(now + 60_000, sixMonths)).toBe("6 months");
    expect(describeRemaining(now + DAY + 11 * 3_600_000, sixMonths)).toBe("5 months 29 days");
    expect(describeRemaining(now + DAY + 13 * 3_600_000, sixMonths)).toBe("5 months 28 days");
    expect(describeRemaining(now, now + 3 * DAY + 4 * 3_600_000 + 40 * 60_000)).toBe("3 days 5 hours");
    expect(describeRemaining(now, now + 23 * 3_600_000 + 59 * 60_000 + 45_000)).toBe("1 day");
    expect(describeRemaining(now, now + 2 * 3_600_000 + 5 * 60_000 + 31_000)).toBe("2 hours 6 minutes");
    // Minutes alone are not rounded up: 59 seconds left is not "1 minute".
    expect(describeRemaining(now, now + 12 * 60_000 + 59_000)).toBe("12 minutes");
    expect(describeRemaining(now, now + 59_000)).toBe("less than a minute");
  });
});

describe("extendedEnd", () => {
  const now = utc("2026-03-01T00:00:00.000Z");

  it("adds a duration to the current end while the access runs, and to now once it is over", () => {
    expect(
      extendedEnd({ currentEnd: utc("2026-04-30T00:00:00.000Z"), now, duration: "1 month" }).toISOString(),
    ).toBe("2026-05-30T00:00:00.000Z");
    expect(
      extendedEnd({ currentEnd: utc("2026-02-01T00:00:00.000Z"), now, duration: "2 weeks" }).toISOString(),
    ).toBe("2026-03-15T00:00:00.000Z");
  });

  it("takes a later end date and refuses an earlier one", () => {
    const currentEnd = utc("2026-04-30T00:00:00.000Z");
    expect(extendedEnd({ currentEnd, now, endsAt: "2026-06-01T00:00:00Z" }).toISOString()).toBe(
      "2026-06-01T00:00:00.000Z",
    );
    expect(
      validationMessageOf(() => extendedEnd({ currentEnd, now, endsAt: "2026-04-01T00:00:00Z" })),
    ).toMatch(/current end/);
    expect(validationMessageOf(() => extendedEnd({ currentEnd, now }))).toMatch(/not neither/);
  });

  it("property: an extension never ends sooner than the current end or now", () => {
    fc.assert(
      fc.property(
        date,
        date,
        fc.constantFrom("1 hour", "3 days", "2 weeks", "1 month"),
        (currentEnd, at, duration) => {
          const end = extendedEnd({ currentEnd, now: at, duration });
          expect(end.getTime()).toBeGreaterThan(Math.max(currentEnd.getTime(), at.getTime()));
        },
      ),
    );
  });
});
