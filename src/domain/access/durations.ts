import { AppError } from "../errors.js";

/**
 * Durations of time-boxed access, as people write them: the seed's Project Alpha runs for
 * "6 months (auto-expires)". Months and years are calendar units counted in UTC, so "6 months" from
 * 15 January ends on 15 July whatever the number of days in between; a day that the target month
 * lacks clamps to its last day ("1 month" from 31 January ends on 28 or 29 February, "6 months" from
 * 31 January on 31 July). Weeks, days and hours are fixed lengths.
 */
export const DURATION_UNITS = ["year", "month", "week", "day", "hour"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type Duration = { amount: number; unit: DurationUnit };

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The longest a project may run from its start: a project is time-boxed, not permanent access. */
export const MAX_PROJECT_DAYS = 5 * 366;

const UNIT_NAMES: Record<string, DurationUnit> = {
  y: "year",
  yr: "year",
  yrs: "year",
  year: "year",
  years: "year",
  mo: "month",
  mos: "month",
  month: "month",
  months: "month",
  w: "week",
  wk: "week",
  wks: "week",
  week: "week",
  weeks: "week",
  d: "day",
  day: "day",
  days: "day",
  h: "hour",
  hr: "hour",
  hrs: "hour",
  hour: "hour",
  hours: "hour",
};

const EXAMPLES = '"6 months", "2 weeks", "90 days" or "12 hours"';

/** "6 months" → { amount: 6, unit: "month" }. Refuses anything else with a message that shows the form. */
export function parseDuration(input: string, field = "duration"): Duration {
  const match = /^\s*(\d{1,5})\s*([a-z]+)\s*$/i.exec(input);
  const unit = match ? UNIT_NAMES[(match[2] ?? "").toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${JSON.stringify(input)} is not a duration Gatehouse understands: write a whole number and a unit (years, months, weeks, days or hours), e.g. ${EXAMPLES}.`,
      details: { field },
    });
  }
  const amount = Number(match[1]);
  if (amount < 1) {
    throw new AppError("VALIDATION_FAILED", {
      message: `A duration must be at least 1 ${unit} (got ${JSON.stringify(input)}).`,
      details: { field },
    });
  }
  return { amount, unit };
}

function daysInUtcMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `start` + `duration`, calendar-aware for months and years (see the top of this file). */
export function addDuration(start: Date, duration: Duration): Date {
  const ms = start.getTime();
  switch (duration.unit) {
    case "hour":
      return new Date(ms + duration.amount * HOUR_MS);
    case "day":
      return new Date(ms + duration.amount * DAY_MS);
    case "week":
      return new Date(ms + duration.amount * 7 * DAY_MS);
    default: {
      const months = duration.unit === "year" ? duration.amount * 12 : duration.amount;
      const total = start.getUTCMonth() + months;
      const year = start.getUTCFullYear() + Math.floor(total / 12);
      const month = total % 12;
      const day = Math.min(start.getUTCDate(), daysInUtcMonth(year, month));
      const timeOfDay = ms - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
      return new Date(Date.UTC(year, month, day) + timeOfDay);
    }
  }
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount} ${duration.unit}${duration.amount === 1 ? "" : "s"}`;
}

/**
 * When time-boxed access that starts at `start` ends: after `duration`, or at `endsAt`. Exactly one of
 * the two; the end must come after both the start and `now` (access that is over before it is granted
 * is a mistake), and at most MAX_PROJECT_DAYS after the start.
 */
export function resolveEnd(input: {
  start: Date;
  now: Date;
  duration?: string | undefined;
  endsAt?: string | undefined;
}): Date {
  if ((input.duration === undefined) === (input.endsAt === undefined)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Give either a duration (e.g. ${EXAMPLES}) or an end date (endsAt), not ${input.duration === undefined ? "neither" : "both"}.`,
      details: { field: "duration" },
    });
  }
  const end =
    input.duration !== undefined
      ? addDuration(input.start, parseDuration(input.duration))
      : new Date(input.endsAt as string);
  const field = input.duration !== undefined ? "duration" : "endsAt";
  if (Number.isNaN(end.getTime())) {
    throw new AppError("VALIDATION_FAILED", {
      message: "endsAt must be a date and time in ISO 8601, e.g. 2026-07-15T00:00:00Z.",
      details: { field },
    });
  }
  if (end.getTime() <= input.start.getTime() || end.getTime() <= input.now.getTime()) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The end (${end.toISOString()}) must be later than the start and than now. Pick a later end date or a longer duration.`,
      details: { field },
    });
  }
  if (end.getTime() - input.start.getTime() > MAX_PROJECT_DAYS * DAY_MS) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Time-boxed access can last at most 5 years (it would end on ${end.toISOString().slice(0, 10)}). Pick a shorter duration.`,
      details: { field },
    });
  }
  return end;
}

/**
 * What the console's countdown shows: "6 months", "5 months 29 days", "3 days 4 hours", "12 minutes";
 * "ended" when over. Two units at most, the smaller rounded to the nearest: a 6-month project seen a
 * minute after it was made has "6 months" left, not "5 months 30 days" (23 hours and 59 minutes
 * unsaid). Under a minute left is "less than a minute", never rounded up to one.
 */
export function describeRemaining(nowMs: number, endMs: number): string {
  if (endMs <= nowMs) return "ended";
  // The smallest unit said decides the rounding: days beside months, hours beside days, minutes beside hours.
  const exact = remainingParts(nowMs, endMs);
  const half = exact.months > 0 ? DAY_MS / 2 : exact.days > 0 ? HOUR_MS / 2 : exact.hours > 0 ? 30_000 : 0;
  const { months, days, hours, minutes } = half === 0 ? exact : remainingParts(nowMs, endMs + half);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const parts: string[] = [];
  if (months > 0) parts.push(plural(months, "month"));
  if (days > 0) parts.push(plural(days, "day"));
  if (months === 0 && hours > 0) parts.push(plural(hours, "hour"));
  if (months === 0 && days === 0 && minutes > 0) parts.push(plural(minutes, "minute"));
  return parts.slice(0, 2).join(" ") || "less than a minute";
}

/** The time from `nowMs` to `endMs` in whole calendar months, then whole days, hours and minutes. */
function remainingParts(nowMs: number, endMs: number) {
  const now = new Date(nowMs);
  let months = 0;
  while (addDuration(now, { amount: months + 1, unit: "month" }).getTime() <= endMs) months += 1;
  let rest = endMs - (months === 0 ? nowMs : addDuration(now, { amount: months, unit: "month" }).getTime());
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  return { months, days, hours, minutes: Math.floor(rest / 60_000) };
}

/**
 * The new end of time-boxed access that is extended: a duration counts from the current end while the
 * access runs, and from now once it is over (an extension brings ended or expired access back); an
 * end date must be later than the current end and than now.
 */
export function extendedEnd(input: {
  currentEnd: Date;
  now: Date;
  duration?: string | undefined;
  endsAt?: string | undefined;
}): Date {
  const base = new Date(Math.max(input.currentEnd.getTime(), input.now.getTime()));
  if (input.endsAt !== undefined && input.duration === undefined) {
    const end = new Date(input.endsAt);
    if (!Number.isNaN(end.getTime()) && end.getTime() <= base.getTime()) {
      throw new AppError("VALIDATION_FAILED", {
        message: `An extension must end after ${base.toISOString()} (${base.getTime() === input.now.getTime() ? "now" : "the current end"}). To end it sooner, end it now instead.`,
        details: { field: "endsAt" },
      });
    }
  }
  return resolveEnd({ start: base, now: input.now, duration: input.duration, endsAt: input.endsAt });
}
