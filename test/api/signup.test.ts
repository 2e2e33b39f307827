import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectError, expectStatus, getMe, orgUrl, patchOrg, type Response } from "../harness/api.js";
import {
  cookieFrom,
  createTestApp,
  DEFAULT_PASSWORD,
  type OrgFixture,
  type TestApp,
  tokenFromUrl,
} from "../harness/app.js";
import { claimDomain, freshDomain, testResolver } from "../harness/dns.js";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "../harness/mail-catcher.js";

let people = 0;
const personAt = (domain: string, prefix = "new") => `${prefix}.${++people}@${domain}`;

const SAME_ANSWER = {
  message:
    "If your organization lets people join with this email, we sent a link to it. Open it within 24 hours to create your account.",
};

let catcher: MailCatcher;
let t: TestApp;
const dns = new Map<string, string[][]>();

beforeAll(async () => {
  catcher = await startMailCatcher();
  t = await createTestApp({
    env: { SMTP_URL: catcher.url, SMTP_FROM: "Gatehouse <join@gatehouse.test>" },
  });
  t.deps.dns = testResolver(dns);
});
afterAll(async () => {
  await t.close();
  await catcher.close();
});
beforeEach(() => {
  catcher.mails.length = 0;
});

/** Claims, publishes and verifies a domain for the org with the given configuration. */
async function verifiedDomain(org: OrgFixture, body: Record<string, unknown>): Promise<string> {
  const domain = freshDomain("team");
  await claimDomain(t, org, dns, { domain, ...body });
  return domain;
}

const signup = (email: string) => t.request({ method: "POST", url: "/api/v1/auth/signup", body: { email } });
const complete = (token: string, name = "Sam Signup", password = DEFAULT_PASSWORD) =>
  t.request({ method: "POST", url: "/api/v1/auth/signup/complete", body: { token, name, password } });

/** Runs the outbox and returns the mails that went to `to`. */
async function mailsTo(to: string): Promise<CaughtMail[]> {
  await t.deps.jobs.runDue();
  return catcher.mails.filter((m) => m.to.includes(to));
}

function linkIn(mail: CaughtMail): string {
  const match = /http:\/\/gatehouse\.test\/join\/verify#token=[A-Za-z0-9_-]{43}/.exec(mail.text);
  if (!match) throw new Error(`no sign-up link in:\n${mail.text}`);
  expect(mail.html).toContain(`href="${match[0]}"`);
  return match[0];
}

/** Signs up through the form and returns the token read out of the email that arrived. */
async function tokenFromEmail(email: string): Promise<string> {
  const before = (await mailsTo(email)).length;
  const started = await signup(email);
  expectStatus(started, 202);
  const mails = (await mailsTo(email)).slice(before);
  expect(mails).toHaveLength(1);
  return tokenFromUrl(linkIn(mails[0] as CaughtMail));
}

const pendingRequests = async (org: OrgFixture) => {
  const response = await t.request({
    method: "GET",
    url: orgUrl(org.orgId, "/join-requests?status=pending"),
    cookie: org.admin.cookie,
  });
  expectStatus(response, 200);
  return response.json().joinRequests as Array<{ email: string; role: string; status: string }>;
};

const auditOf = (orgId: string, targetId: string) =>
  t.deps.db
    .selectFrom("audit_events")
    .select(["action", "after"])
    .where("org_id", "=", orgId)
    .where("target_id", "=", targetId)
    .orderBy("seq")
    .execute();

describe("sign-up with a verified work email", () => {
  it("auto mode: the emailed link creates the account, joins with the default role, signs in, and is audited", async () => {
    const org = await t.setupOrg({ name: "Acme Corp", plan: "business" });
    const domain = await verifiedDomain(org, { auto_invite: true, default_role: "viewer" });
    const email = personAt(domain);

    expect((await t.request({ method: "GET", url: "/api/v1/auth/signup" })).json()).toEqual({
      available: true,
    });
    const started = await signup(` ${email.toUpperCase()} `);
    expectStatus(started, 202);
    expect(started.json()).toEqual(SAME_ANSWER);
    // Only the token's hash is stored; the raw token is sealed for the worker.
    const stored = await t.deps.db
      .selectFrom("email_verifications")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0] as CaughtMail;
    expect(mail.from).toBe("join@gatehouse.test");
    expect(mail.subject).toBe("Confirm your email to join Acme Corp");
    expect(mail.text).toContain(`asked to join Acme Corp on Gatehouse with ${email}`);
    const token = tokenFromUrl(linkIn(mail));
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_sealed).not.toContain(token);

    const done = await complete(token, "Sam Signup");
    expectStatus(done, 200);
    const body = done.json() as { user: { id: string; email: string }; joins: unknown[] };
    expect(body.user).toMatchObject({ email, name: "Sam Signup" });
    expect(body.joins).toEqual([
      { orgId: org.orgId, orgName: "Acme Corp", outcome: "joined", role: "viewer" },
    ]);

    const me = await getMe(t, cookieFrom(done));
    expectStatus(me, 200);
    expect(me.json().memberships).toMatchObject([{ orgId: org.orgId, role: "viewer" }]);
    // The password works for the next sign-in, and the email is proven.
    await t.signIn(email);
    const user = await t.deps.db
      .selectFrom("users")
      .select(["email_verified_at", "password_hash"])
      .where("id", "=", body.user.id)
      .executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    expect(user.password_hash).not.toContain(DEFAULT_PASSWORD);

    const audit = await auditOf(org.orgId, body.user.id);
    expect(audit.map((a) => a.action)).toEqual(["member.added", "user.signed_up"]);
    const consumed = await t.deps.db
      .selectFrom("email_verifications")
      .select(["consumed_at", "token_sealed", "user_id"])
      .where("id", "=", stored.id)
      .executeTakeFirstOrThrow();
    expect(consumed).toMatchObject({ token_sealed: null, user_id: body.user.id });
    expect(consumed.consumed_at).not.toBeNull();
  });

  it("approval mode: the new account files a join request with the pre-filled role and is not a member yet", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const domain = await verifiedDomain(org, {
      auto_invite: true,
      require_admin_approval: true,
      default_role: "member",
    });
    const email = personAt(domain);
    const done = await complete(await tokenFromEmail(email));
    expectStatus(done, 200);
    expect(done.json().joins).toMatchObject([{ orgId: org.orgId, outcome: "requested", role: "member" }]);
    expect(await pendingRequests(org)).toMatchObject([{ email, role: "member", status: "pending" }]);
    expect((await getMe(t, cookieFrom(done))).json().memberships).toEqual([]);
    const audit = await auditOf(org.orgId, done.json().user.id);
    expect(audit.map((a) => a.action)).toEqual(["user.signed_up"]);
  });

  it("auto mode with every seat taken files a join request instead (no_seat)", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const domain = await verifiedDomain(org, { auto_invite: true });
    expectStatus(await patchOrg(t, org, { seatLimit: 1 }), 200);
    const email = personAt(domain);
    const done = await complete(await tokenFromEmail(email));
    expectStatus(done, 200);
    expect(done.json().joins).toMatchObject([{ outcome: "no_seat" }]);
    expect(await pendingRequests(org)).toMatchObject([{ email }]);
  });

  it("subdomains join only when the domain allows them", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const domain = await verifiedDomain(org, { auto_invite: true, include_subdomains: true });
    const email = personAt(`eng.${domain}`);
    const done = await complete(await tokenFromEmail(email));
    expect(done.json().joins).toMatchObject([{ orgId: org.orgId, outcome: "joined" }]);
  });
});

describe("the form tells nobody which domains are verified or who has an account", () => {
  let org: OrgFixture;
  let domain: string;
  let offDomain: string;
  beforeAll(async () => {
    org = await t.setupOrg({ plan: "business" });
    domain = await verifiedDomain(org, { auto_invite: true });
    offDomain = await verifiedDomain(org, { auto_invite: false });
  });

  it("answers the same for an unknown domain, a consumer domain, look-alikes, subdomains not allowed and mode off, and mails nothing", async () => {
    const matched = await signup(personAt(domain));
    const others = [
      personAt("unknown-company.example"),
      personAt("gmail.com"),
      personAt("outlook.com"),
      personAt(`attacker-${domain}`),
      personAt(`not${domain}`),
      personAt(`${domain}.evil.io`),
      personAt(`eng.${domain}`),
      personAt(offDomain),
    ];
    const answers: Response[] = [];
    for (const email of others) answers.push(await signup(email));
    for (const answer of [matched, ...answers]) {
      expectStatus(answer, 202);
      expect(answer.json()).toEqual(SAME_ANSWER);
    }
    await t.deps.jobs.runDue();
    const recipients = catcher.mails.flatMap((m) => m.to);
    for (const email of others) expect(recipients).not.toContain(email);
    const rows = await t.deps.db
      .selectFrom("email_verifications")
      .select("email")
      .where("email", "in", others)
      .execute();
    expect(rows).toEqual([]);
  });

  it("an address that already has an account gets 'you already have an account, sign in' and no link", async () => {
    const member = await t.addMember(org, { email: personAt(domain, "old") });
    const answer = await signup(member.email);
    expectStatus(answer, 202);
    expect(answer.json()).toEqual(SAME_ANSWER);
    const mails = await mailsTo(member.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0] as CaughtMail;
    expect(mail.subject).toBe("You already have an account: sign in to join Acme");
    expect(mail.text).toContain("You already have an account with this email");
    expect(mail.text).toContain("http://gatehouse.test/login");
    expect(mail.text).not.toContain("#token=");
    const rows = await t.deps.db
      .selectFrom("email_verifications")
      .select("id")
      .where("email", "=", member.email)
      .execute();
    expect(rows).toEqual([]);
  });

  it("mail bombing: at most 5 sign-up emails per address per hour, with the same answer past the cap", async () => {
    const email = personAt(domain);
    for (let i = 0; i < 7; i++) expect((await signup(email)).json()).toEqual(SAME_ANSWER);
    expect(await mailsTo(email)).toHaveLength(5);
    t.clock.advance(61 * 60 * 1000);
    expectStatus(await signup(email), 202);
    expect(await mailsTo(email)).toHaveLength(6);
  });
});

describe("the sign-up link", () => {
  let org: OrgFixture;
  let domain: string;
  beforeAll(async () => {
    org = await t.setupOrg({ plan: "business" });
    domain = await verifiedDomain(org, { auto_invite: true });
  });

  it("works once: a second use says it was used", async () => {
    const token = await tokenFromEmail(personAt(domain));
    expectStatus(await complete(token), 200);
    const again = expectError(await complete(token), "SIGNUP_LINK_USED");
    expect(again.message).toMatch(/Sign in/);
  });

  it("expires after 24 hours: clear error, and start again works", async () => {
    const email = personAt(domain);
    const token = await tokenFromEmail(email);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    expect(expectError(await complete(token), "SIGNUP_LINK_EXPIRED").message).toMatch(/Start again/);
    // Starting again mails a fresh link that works.
    const fresh = await tokenFromEmail(email);
    expectStatus(await complete(fresh), 200);
  });

  it("an email still queued when its link expired is not sent, and says why", async () => {
    const email = personAt(domain);
    expectStatus(await signup(email), 202);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    expect(await mailsTo(email)).toHaveLength(0);
    const row = await t.deps.db
      .selectFrom("email_messages")
      .select(["status", "last_error"])
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "failed",
      last_error: "Not sent: the sign-up link was already used or has expired.",
    });
  });

  it("a made-up or truncated token is refused without a lookup hint", async () => {
    expectError(await complete("x".repeat(43)), "SIGNUP_LINK_INVALID");
    expectError(await complete("short"), "SIGNUP_LINK_INVALID");
  });

  it("concurrent completes of one link create exactly one account", async () => {
    const email = personAt(domain);
    const token = await tokenFromEmail(email);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => complete(token, `Racer ${i}`)));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectError(r, "SIGNUP_LINK_USED");
    const users = await t.deps.db.selectFrom("users").select("id").where("email", "=", email).execute();
    expect(users).toHaveLength(1);
    const members = await t.deps.db
      .selectFrom("memberships")
      .select("id")
      .where("org_id", "=", org.orgId)
      .where("user_id", "=", users[0]?.id ?? "")
      .execute();
    expect(members).toHaveLength(1);
  });

  it("two links for one address: the second refuses once the first created the account", async () => {
    const email = personAt(domain);
    const first = await tokenFromEmail(email);
    const second = await tokenFromEmail(email);
    expectStatus(await complete(first), 200);
    expectError(await complete(second), "ACCOUNT_EXISTS");
  });

  it("the domain turned off meanwhile: refused, nothing written, and the link still works once it is back on", async () => {
    const other = await t.setupOrg({ plan: "business" });
    const otherDomain = await verifiedDomain(other, { auto_invite: true });
    const email = personAt(otherDomain);
    const token = await tokenFromEmail(email);
    const domains = await t.request({
      method: "GET",
      url: orgUrl(other.orgId, "/domains"),
      cookie: other.admin.cookie,
    });
    const id = (domains.json().domains as { id: string; domain: string }[]).find(
      (d) => d.domain === otherDomain,
    )?.id;
    const setMode = (mode: string) =>
      t.request({
        method: "PATCH",
        url: orgUrl(other.orgId, `/domains/${id}`),
        cookie: other.admin.cookie,
        body: { mode },
      });
    expectStatus(await setMode("off"), 200);
    expectError(await complete(token), "SIGNUP_NOT_ALLOWED");
    expect(await t.deps.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
    expectStatus(await setMode("auto"), 200);
    expectStatus(await complete(token), 200);
  });

  it("a weak password is refused with the invitation rules, and the link stays usable", async () => {
    const token = await tokenFromEmail(personAt(domain));
    expectError(await complete(token, "Sam", "short"), "VALIDATION_FAILED");
    expectStatus(await complete(token), 200);
  });
});

describe("without SMTP", () => {
  it("says sign-up by email is unavailable and refuses with SIGNUP_UNAVAILABLE", async () => {
    const bare = await createTestApp();
    try {
      const available = await bare.request({ method: "GET", url: "/api/v1/auth/signup" });
      expect(available.json()).toEqual({ available: false });
      const refused = await bare.request({
        method: "POST",
        url: "/api/v1/auth/signup",
        body: { email: "someone@example.com" },
      });
      expect(expectError(refused, "SIGNUP_UNAVAILABLE").message).toMatch(/SMTP_URL/);
    } finally {
      await bare.close();
    }
  });
});
