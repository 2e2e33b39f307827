/**
 * `values` for an `in (...)` list, padded by repeating the last value to one of a few lengths: 1, 2, 4,
 * ... 64, then multiples of 64. A list's length is part of the statement's text, and SQLite keeps each
 * text's prepared statement (see `cacheStatements`; ~75 KB of native memory for a 500-value list), so
 * an import whose chunks each look up a different number of emails would fill the cache with
 * statements used once. A repeated value changes nothing in `x in (...)`.
 */
export function paddedInList<T>(values: readonly T[]): readonly T[] {
  const n = values.length;
  if (n === 0) return values;
  let size = 1;
  while (size < n && size < 64) size *= 2;
  if (size < n) size = Math.ceil(n / 64) * 64;
  if (size === n) return values;
  const padded = values.slice();
  const last = values[n - 1] as T;
  while (padded.length < size) padded.push(last);
  return padded;
}
