/**
 * Time comes from here, so tests can fix it instead of sleeping. `nowMs` is the same instant as a
 * number, for hot paths that need no Date object (the decision API asks for it on every check).
 */
export type Clock = { now(): Date; nowMs(): number };

export const systemClock: Clock = { now: () => new Date(), nowMs: () => Date.now() };

/** A clock that only moves when told to: for tests and benchmarks. */
export function createFixedClock(start: Date | string = "2026-01-15T09:00:00.000Z") {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    nowMs: () => current,
    advance(ms: number) {
      current += ms;
    },
    advanceDays(days: number) {
      current += days * 24 * 60 * 60 * 1000;
    },
    set(to: Date | string) {
      current = new Date(to).getTime();
    },
  };
}
export type FixedClock = ReturnType<typeof createFixedClock>;
