// Small helpers for the maps compilePolicy and compilePeople build.

/** Adds `value` to the list kept under `key`, made the first time. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The map kept under `key` in `map`, made empty the first time. */
export function mapUnder<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
