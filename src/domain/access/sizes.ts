import { AppError } from "../errors.js";

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * "100MB" → bytes. Units are binary (1 MB = 1,048,576 bytes), as file managers show sizes; "MiB" is
 * accepted as a synonym. A bare number is bytes.
 */
export function parseSize(input: string | number, field = "file_upload_limit"): number {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input) && input >= 0) return input;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
    const unit = match ? UNITS[(match[2] || "b").toLowerCase()] : undefined;
    if (match && unit !== undefined) {
      const bytes = Math.round(Number(match[1]) * unit);
      if (Number.isSafeInteger(bytes)) return bytes;
    }
  }
  throw new AppError("VALIDATION_FAILED", {
    message: `${field} must be a size such as "100MB" or "1.5GB" (got ${JSON.stringify(input)}).`,
    details: { field },
  });
}

/** bytes → "100 MB" (the largest unit that keeps a whole or one-decimal number). */
export function formatSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1 === 0) {
    value /= 1024;
    unit += 1;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/**
 * bytes → the seed's notation without losing a byte: the largest unit that shows it exactly with at most
 * one decimal ("100MB", "1.5GB"), else the number of bytes (which parseSize reads back as bytes).
 */
export function formatSizeExact(bytes: number): string | number {
  for (const [name, unit] of [
    ["TB", 1024 ** 4],
    ["GB", 1024 ** 3],
    ["MB", 1024 ** 2],
    ["KB", 1024],
  ] as const) {
    const tenths = (bytes * 10) / unit;
    if (bytes >= unit && Number.isInteger(tenths)) return `${tenths / 10}${name}`;
  }
  return bytes;
}
