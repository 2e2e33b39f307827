/**
 * When a failed job runs again: exponential backoff from `baseMs`, capped at `capMs`, with "full
 * jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter") so that retries of many jobs that
 * failed together do not arrive together. `random` is in [0, 1).
 */
export function retryDelayMs(
  attempt: number,
  random: number,
  { baseMs = 30_000, capMs = 6 * 60 * 60 * 1000 }: { baseMs?: number; capMs?: number } = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: never sooner than half the ceiling.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** A job's error text as stored: one line, bounded, never a stack trace. */
export function jobErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, 1_000) || "unknown error";
}
