import type { DnsResolver } from "../../src/services/context.js";

/**
 * DNS for tests: TXT records by name, published by the test (`records.set(name, [[value]])`); an
 * unknown name fails with ENOTFOUND, as node:dns does.
 */
export function testResolver(records: ReadonlyMap<string, string[][]>): DnsResolver {
  return {
    async resolveTxt(name) {
      const found = records.get(name);
      if (!found) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
      return found;
    },
  };
}

let seq = 0;
/** A domain no other test (or earlier run against the same database) has claimed. */
export const freshDomain = (prefix = "acme") =>
  `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}.com`;
