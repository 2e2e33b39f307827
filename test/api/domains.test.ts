import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { newId } from "../../src/lib/ids.js";
import { systemContext } from "../../src/services/context.js";
import { joinByVerifiedDomain } from "../../src/services/domains/join-by-verified-domain.js";
import { expectError, expectStatus, orgUrl, patchOrg } from "../harness/api.js";
import { createTestApp, DEFAULT_PASSWORD, type OrgFixture, type TestApp } from "../harness/app.js";
import { freshDomain, testResolver } from "../harness/dns.js";

type DomainJson = {
  id: string;
  domain: string;
  verified: boolean;
  mode: string;
  defaultRole: string;
  departments: Record<string, string>;
  includeSubdomains: boolean;
  requireSso: boolean;
  verificationRecord: { type: string; name: string; value: string };
};

describe("verified domains", () => {
  let t: TestApp;
  let org: OrgFixture;
  const dns = new Map<string, string[][]>();

  beforeAll(async () => {
    t = await createTestApp();
    t.deps.dns = testResolver(dns);
    org = await t.setupOrg({ plan: "business" });
  });
  afterAll(() => t.close());

  const url = (o: OrgFixture, rest = "") => orgUrl(o.orgId, `/domains${rest}`);
  const claim = (o: OrgFixture, body: unknown) =>
    t.request({ method: "POST", url: url(o), cookie: o.admin.cookie, body });
  const verify = (o: OrgFixture, id: string) =>
    t.request({ method: "POST", url: url(o, `/${id}/verify`), cookie: o.admin.cookie, body: {} });
  const publish = (d: DomainJson) => dns.set(d.verificationRecord.name, [[d.verificationRecord.value]]);

  /** Claims and verifies a domain for the org; returns the domain. */
  async function verifiedDomain(o: OrgFixture, body: Record<string, unknown> = {}): Promise<DomainJson> {
    const domain = freshDomain();
    const claimed = await claim(o, { domain, ...body });
    expectStatus(claimed, 201);
    const d = claimed.json().domain as DomainJson;
    publish(d);
    const verified = await verify(o, d.id);
    expectStatus(verified, 200);
    return verified.json().domain;
  }

  /** A person with a proven email (they created their own org) who is not in `org`. */
  async function verifiedPerson(email: string) {
    const other = await t.setupOrg({ adminEmail: email, name: "Elsewhere" });
    return other.admin;
  }

  /** A person whose email was never proven. */
  async function unverifiedPerson(email: string) {
    const now = t.clock.now().toISOString();
    const userId = newId();
    await t.deps.db
      .insertInto("users")
      .values({
        id: userId,
        email,
        name: "Una Verified",
        password_hash: await t.deps.passwords.hash(DEFAULT_PASSWORD),
        email_verified_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return userId;
  }

  const membersOf = async (o: OrgFixture) => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(o.orgId, "/members?limit=100"),
      cookie: o.admin.cookie,
    });
    expectStatus(response, 200);
    return response.json().items as Array<{
      userId: string;
      email: string;
      role: string;
      department: string | null;
    }>;
  };
  const joinRequests = async (o: OrgFixture, status = "pending") => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(o.orgId, `/join-requests?status=${status}`),
      cookie: o.admin.cookie,
    });
    expectStatus(response, 200);
    return response.json().joinRequests as Array<{
      id: string;
      email: string;
      role: string;
      status: string;
      department: string | null;
    }>;
  };
  const auditActions = async (orgId: string) =>
    await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "target_id", "after"])
      .where("org_id", "=", orgId)
      .execute();

  it("claims with the seed's JSON as written and shows the TXT record to publish", async () => {
    const domain = freshDomain();
    const response = await claim(org, {
      domain: ` ${domain.toUpperCase()}. `,
      auto_invite: true,
      default_role: "member",
      require_admin_approval: false,
      departments: { engineering: "member", leadership: "admin", interns: "viewer" },
    });
    expectStatus(response, 201);
    const d = response.json().domain as DomainJson;
    expect(d).toMatchObject({
      domain,
      verified: false,
      mode: "auto",
      defaultRole: "member",
      departments: { engineering: "member", leadership: "admin", interns: "viewer" },
      includeSubdomains: false,
      requireSso: false,
    });
    expect(d.verificationRecord.type).toBe("TXT");
    expect(d.verificationRecord.name).toBe(`_gatehouse.${domain}`);
    expect(d.verificationRecord.value).toMatch(/^gatehouse-verification=[0-9a-f]{32}$/);
    const got = await t.request({ method: "GET", url: url(org, `/${d.id}`), cookie: org.admin.cookie });
    expect(got.json().domain.verificationRecord).toEqual(d.verificationRecord);
    expectError(await claim(org, { domain }), "DOMAIN_EXISTS");
    const approval = await claim(org, {
      domain: freshDomain(),
      auto_invite: true,
      require_admin_approval: true,
    });
    expect(approval.json().domain.mode).toBe("approval");
    const camel = await claim(org, {
      domain: freshDomain(),
      mode: "approval",
      defaultRole: "viewer",
      includeSubdomains: true,
    });
    expect(camel.json().domain).toMatchObject({
      mode: "approval",
      defaultRole: "viewer",
      includeSubdomains: true,
    });
  });

  it("refuses consumer mail domains, public suffixes and things that are not domains", async () => {
    for (const domain of [
      "gmail.com",
      "Outlook.com",
      "yahoo.co.uk",
      "gmx.de",
      "yandex.ru",
      "proton.me",
      "web.de",
    ]) {
      expectError(await claim(org, { domain }), "DOMAIN_CONSUMER");
    }
    for (const domain of ["co.uk", "github.io", "com"])
      expectError(await claim(org, { domain }), "DOMAIN_INVALID");
    for (const domain of [
      "https://example.com",
      "example.com/path",
      "example.com:443",
      "ann@example.com",
      "*.example.com",
    ]) {
      const body = expectError(await claim(org, { domain }), "DOMAIN_INVALID");
      expect(body.message).toContain("example.com");
    }
    expectError(await claim(org, { domain: freshDomain(), default_role: "owner" }), "VALIDATION_FAILED");
    expectError(
      await claim(org, { domain: freshDomain(), mode: "auto", auto_invite: false }),
      "VALIDATION_FAILED",
    );
    expectError(
      await claim(org, { domain: freshDomain(), departments: { sales: "boss" } }),
      "VALIDATION_FAILED",
    );
  });

  it("accepts internationalized domain names as punycode", async () => {
    const response = await claim(org, { domain: freshDomain("bücher").replace(/\.com$/, ".de") });
    expectStatus(response, 201);
    expect(response.json().domain.domain).toMatch(/^xn--bcher/);
  });

  it("verifies by TXT: missing record, wrong token, chunked record", async () => {
    const domain = freshDomain();
    const d = (await claim(org, { domain })).json().domain as DomainJson;
    const missing = expectError(await verify(org, d.id), "DOMAIN_NOT_VERIFIED");
    expect(missing.message).toContain(`No TXT record was found at _gatehouse.${domain}`);
    dns.set(d.verificationRecord.name, [["gatehouse-verification=wrong"], ["v=spf1 -all"]]);
    const wrong = expectError(await verify(org, d.id), "DOMAIN_NOT_VERIFIED");
    expect(wrong.message).toContain('"gatehouse-verification=wrong"');
    expect(wrong.message).toContain(d.verificationRecord.value);
    const value = d.verificationRecord.value;
    dns.set(d.verificationRecord.name, [["v=spf1 -all"], [value.slice(0, 20), value.slice(20)]]);
    const ok = await verify(org, d.id);
    expectStatus(ok, 200);
    expect(ok.json().domain.verified).toBe(true);
    const actions = (await auditActions(org.orgId)).map((a) => a.action);
    expect(actions).toContain("domain.claimed");
    expect(actions).toContain("domain.verified");
  });

  it("a verified domain belongs to one org", async () => {
    const d = await verifiedDomain(org);
    const other = await t.setupOrg({ name: "Rival" });
    expectError(await claim(other, { domain: d.domain }), "DOMAIN_TAKEN");

    // Both claim while unverified: the first to verify wins, the second is refused.
    const domain = freshDomain();
    const mine = (await claim(org, { domain })).json().domain as DomainJson;
    const theirs = (await claim(other, { domain })).json().domain as DomainJson;
    dns.set(mine.verificationRecord.name, [
      [mine.verificationRecord.value],
      [theirs.verificationRecord.value],
    ]);
    expectStatus(await verify(other, theirs.id), 200);
    expectError(await verify(org, mine.id), "DOMAIN_TAKEN");
  });

  it("auto join on sign-in: verified email, default or department role, seat counted, audited via domain", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, { mode: "auto", defaultRole: "viewer" });
    const person = await verifiedPerson(`kim@${d.domain}`);
    await t.signIn(person.email);
    const member = (await membersOf(o)).find((m) => m.userId === person.userId);
    expect(member?.role).toBe("viewer");
    const added = (await auditActions(o.orgId)).find(
      (a) => a.action === "member.added" && a.target_id === person.userId,
    );
    expect(JSON.parse(String(added?.after))).toMatchObject({
      via: "domain",
      domain: d.domain,
      role: "viewer",
    });
    // Signing in again does nothing more; a removed member does not come back.
    await t.signIn(person.email);
    expect((await membersOf(o)).filter((m) => m.userId === person.userId)).toHaveLength(1);
    expectStatus(
      await t.request({
        method: "DELETE",
        url: orgUrl(o.orgId, `/members/${person.userId}`),
        cookie: o.admin.cookie,
      }),
      204,
    );
    await t.signIn(person.email);
    expect((await membersOf(o)).find((m) => m.userId === person.userId)).toBeUndefined();
  });

  it("SSO callers: the department map sets the role; an asserted email_verified counts as proof", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, {
      auto_invite: true,
      default_role: "member",
      departments: { Leadership: "admin" },
    });
    const userId = await unverifiedPerson(`lead@${d.domain}`);
    const join = (emailVerified?: boolean) =>
      inTransaction(t.deps.db, (trx) =>
        joinByVerifiedDomain(trx, systemContext(t.deps, "system"), {
          userId,
          email: `lead@${d.domain}`,
          department: " leadership ",
          ...(emailVerified !== undefined && { emailVerified }),
        }),
      );
    expect(await join()).toEqual([]);
    expect(await join(false)).toEqual([]);
    expect(await join(true)).toEqual([
      { orgId: o.orgId, domain: d.domain, outcome: "joined", role: "admin" },
    ]);
    const member = (await membersOf(o)).find((m) => m.userId === userId);
    expect(member).toMatchObject({ role: "admin", department: "leadership" });
  });

  it("matching: suffix and substring tricks never match, case does not matter, subdomains only when allowed", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, { mode: "auto" });
    const base = d.domain.replace(/\.com$/, "");
    const strangers = [
      `a@attacker-${d.domain}`,
      `b@${d.domain}.evil.io`,
      `c@not${d.domain}`,
      `d@eng.${d.domain}`,
      `e@${base}.co`,
    ];
    for (const email of strangers) {
      const person = await verifiedPerson(email);
      await t.signIn(person.email);
    }
    const caseless = await verifiedPerson(`Mixed@${d.domain.toUpperCase()}`);
    await t.signIn(caseless.email);
    const emails = (await membersOf(o)).map((m) => m.email);
    for (const email of strangers) expect(emails).not.toContain(email);
    expect(emails).toContain(`mixed@${d.domain}`);

    expectStatus(
      await t.request({
        method: "PATCH",
        url: url(o, `/${d.id}`),
        cookie: o.admin.cookie,
        body: { includeSubdomains: true },
      }),
      200,
    );
    const sub = await verifiedPerson(`f@eng.${d.domain}`);
    await t.signIn(sub.email);
    expect((await membersOf(o)).map((m) => m.email)).toContain(`f@eng.${d.domain}`);
  });

  it("accepting an invitation proves the email: that person later joins through the domain", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, { mode: "auto" });
    const elsewhere = await t.setupOrg({ plan: "business", name: "Elsewhere" });
    const invited = await t.addMember(elsewhere, { email: `invited@${d.domain}` });
    const row = await t.deps.db
      .selectFrom("users")
      .select("email_verified_at")
      .where("id", "=", invited.userId)
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).not.toBeNull();
    await t.signIn(invited.email);
    expect((await membersOf(o)).find((m) => m.userId === invited.userId)?.role).toBe("member");
  });

  it("an unverified email never joins", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, { mode: "auto" });
    const userId = await unverifiedPerson(`ghost@${d.domain}`);
    await t.signIn(`ghost@${d.domain}`);
    expect((await membersOf(o)).find((m) => m.userId === userId)).toBeUndefined();
    expect(await joinRequests(o)).toHaveLength(0);
  });

  it("seat limit reached: no automatic join, a join request is filed instead", async () => {
    const o = await t.setupOrg({ plan: "business" });
    expectStatus(await patchOrg(t, o, { seatLimit: 1 }), 200);
    const d = await verifiedDomain(o, { mode: "auto" });
    const person = await verifiedPerson(`full@${d.domain}`);
    await t.signIn(person.email);
    expect((await membersOf(o)).find((m) => m.userId === person.userId)).toBeUndefined();
    const [request] = await joinRequests(o);
    expect(request?.email).toBe(person.email);
    const approve = await t.request({
      method: "POST",
      url: orgUrl(o.orgId, `/join-requests/${request?.id}/approve`),
      cookie: o.admin.cookie,
      body: {},
    });
    expectError(approve, "SEAT_LIMIT_REACHED");
    expectStatus(await patchOrg(t, o, { seatLimit: 2 }), 200);
    expectStatus(
      await t.request({
        method: "POST",
        url: orgUrl(o.orgId, `/join-requests/${request?.id}/approve`),
        cookie: o.admin.cookie,
        body: {},
      }),
      200,
    );
    expect((await membersOf(o)).find((m) => m.userId === person.userId)).toBeDefined();
  });

  it("approval mode: a request is filed once; approve with another role, decline, decided once", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o, {
      auto_invite: true,
      require_admin_approval: true,
      default_role: "viewer",
    });
    const ann = await verifiedPerson(`ann@${d.domain}`);
    const bob = await verifiedPerson(`bob@${d.domain}`);
    await t.signIn(ann.email);
    await t.signIn(ann.email);
    await t.signIn(bob.email);
    const pending = await joinRequests(o);
    expect(pending.map((r) => r.email).sort()).toEqual([ann.email, bob.email].sort());
    expect(pending.every((r) => r.role === "viewer")).toBe(true);
    expect((await membersOf(o)).find((m) => m.userId === ann.userId)).toBeUndefined();

    const annRequest = pending.find((r) => r.email === ann.email);
    const approved = await t.request({
      method: "POST",
      url: orgUrl(o.orgId, `/join-requests/${annRequest?.id}/approve`),
      cookie: o.admin.cookie,
      body: { role: "member" },
    });
    expectStatus(approved, 200);
    expect(approved.json().joinRequest).toMatchObject({ status: "approved", role: "member" });
    expect((await membersOf(o)).find((m) => m.userId === ann.userId)?.role).toBe("member");
    expectError(
      await t.request({
        method: "POST",
        url: orgUrl(o.orgId, `/join-requests/${annRequest?.id}/decline`),
        cookie: o.admin.cookie,
        body: {},
      }),
      "JOIN_REQUEST_DECIDED",
    );
    const bobRequest = pending.find((r) => r.email === bob.email);
    expectStatus(
      await t.request({
        method: "POST",
        url: orgUrl(o.orgId, `/join-requests/${bobRequest?.id}/decline`),
        cookie: o.admin.cookie,
        body: {},
      }),
      200,
    );
    await t.signIn(bob.email);
    expect(await joinRequests(o)).toHaveLength(0);
    expect((await joinRequests(o, "declined")).map((r) => r.email)).toEqual([bob.email]);
    const actions = (await auditActions(o.orgId)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["join_request.created", "join_request.approved", "join_request.declined"]),
    );
  });

  it("require SSO refuses password sign-in at the domain, for accounts and non-accounts alike", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o);
    const person = await verifiedPerson(`sam@${d.domain}`);
    expectStatus(
      await t.request({
        method: "PATCH",
        url: url(o, `/${d.id}`),
        cookie: o.admin.cookie,
        body: { requireSso: true },
      }),
      200,
    );
    for (const email of [person.email, `nobody@${d.domain}`]) {
      const response = await t.request({
        method: "POST",
        url: "/api/v1/auth/login",
        body: { email, password: DEFAULT_PASSWORD },
      });
      const body = expectError(response, "SSO_REQUIRED");
      expect(body.message).toBe("Your organization signs in with single sign-on: use 'Sign in with SSO'.");
    }
    const listed = await t.request({ method: "GET", url: url(o), cookie: o.admin.cookie });
    expect(listed.json().ssoConfigured).toBe(false);
    // An unverified claim enforces nothing.
    const o2 = await t.setupOrg({ plan: "business" });
    const unverified = freshDomain();
    const claimed = (await claim(o2, { domain: unverified, requireSso: true })).json().domain as DomainJson;
    expect(claimed.requireSso).toBe(true);
    const p2 = await verifiedPerson(`pat@${unverified}`);
    await t.signIn(p2.email);
  });

  it("members and viewers may not manage domains or join requests", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o);
    for (const role of ["member", "viewer"] as const) {
      const who = await t.addMember(o, { role });
      const asWho = (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) =>
        t.request({
          method,
          url: orgUrl(o.orgId, path),
          cookie: who.cookie,
          ...(body !== undefined && { body }),
        });
      expectError(await asWho("GET", "/domains"), "FORBIDDEN");
      expectError(await asWho("POST", "/domains", { domain: freshDomain() }), "FORBIDDEN");
      expectError(await asWho("POST", `/domains/${d.id}/verify`, {}), "FORBIDDEN");
      expectError(await asWho("PATCH", `/domains/${d.id}`, { mode: "auto" }), "FORBIDDEN");
      expectError(await asWho("DELETE", `/domains/${d.id}`), "FORBIDDEN");
      expectError(await asWho("GET", "/join-requests"), "FORBIDDEN");
    }
  });

  it("removing a domain frees it for another org and is audited", async () => {
    const o = await t.setupOrg({ plan: "business" });
    const d = await verifiedDomain(o);
    expectStatus(await t.request({ method: "DELETE", url: url(o, `/${d.id}`), cookie: o.admin.cookie }), 200);
    const other = await t.setupOrg({ plan: "business" });
    expectStatus(await claim(other, { domain: d.domain }), 201);
    expect((await auditActions(o.orgId)).map((a) => a.action)).toContain("domain.removed");
  });
});
