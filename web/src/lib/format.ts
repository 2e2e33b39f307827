const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const longDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "3 May 2026", as in the seed's error messages. */
export function formatLongDate(iso: string): string {
  return longDateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "in 6 days", "2 hours ago", "tomorrow". */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const size = Math.abs(diff);
  if (size < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), "minute");
  if (size < DAY) return relativeFormat.format(Math.round(diff / HOUR), "hour");
  return relativeFormat.format(Math.round(diff / DAY), "day");
}

/** The days an invitation is valid for, counted from now (what "The link is good for N days" says). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.round((Date.parse(iso) - now) / DAY));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "3 of 50 seats used, 2 pending" (seats count active members plus pending invitations; suspended members hold none). */
export function formatSeats(seats: { limit: number | null; used: number; pending: number }): string {
  const used =
    seats.limit === null
      ? `${plural(seats.used, "seat")} used (no limit)`
      : `${seats.used} of ${plural(seats.limit, "seat")} used`;
  return `${used}, ${seats.pending} pending`;
}
