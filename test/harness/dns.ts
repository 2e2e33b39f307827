import type { DnsResolver } from "../../src/services/context.js";
import { expectStatus, orgUrl } from "./api.js";
import type { OrgFixture, TestApp } from "./app.js";

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

/**
 * Claims `domain` for the org as its admin and, unless `verify` is false, publishes its TXT record in
 * `records` and verifies it. Returns the domain's id.
 */
export async function claimDomain(
  t: TestApp,
  org: OrgFixture,
  records: Map<string, string[][]>,
  body: { domain: string } & Record<string, unknown>,
  options: { verify?: boolean } = {},
): Promise<string> {
  const claimed = await t.request({
    method: "POST",
    url: orgUrl(org.orgId, "/domains"),
    cookie: org.admin.cookie,
    body,
  });
  expectStatus(claimed, 201);
  const d = claimed.json().domain as { id: string; verificationRecord: { name: string; value: string } };
  if (options.verify === false) return d.id;
  records.set(d.verificationRecord.name, [[d.verificationRecord.value]]);
  expectStatus(
    await t.request({
      method: "POST",
      url: orgUrl(org.orgId, `/domains/${d.id}/verify`),
      cookie: org.admin.cookie,
      body: {},
    }),
    200,
  );
  return d.id;
}
