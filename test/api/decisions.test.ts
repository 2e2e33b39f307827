import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessFixtures } from "../harness/access-fixtures.js";
import { createTeam, expectError, orgUrl } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";

let t: TestApp;
let org: OrgFixture;
let support: string;
let sales: string;
let leadership: string;
let supportLead: MemberFixture;
let salesRep: MemberFixture;
let executive: MemberFixture;
let stakeholder: MemberFixture;
let marketer: MemberFixture;
let bot: string;

const check = (cookie: string | null, body: unknown, headers: Record<string, string> = {}) =>
  t.request({ method: "POST", url: orgUrl(org.orgId, "/check"), cookie, body, headers });
const withKey = (secret: string) => ({ authorization: `Bearer ${secret}` });

beforeAll(async () => {
  t = await createTestApp();
  org = await t.setupOrg({ plan: "business", name: "Decisions" });
  support = await createTeam(t, org, "Support");
  sales = await createTeam(t, org, "Sales");
  leadership = await createTeam(t, org, "Leadership");
  supportLead = await t.addMember(org, { teamId: support, teamRole: "member", name: "Sam Support" });
  salesRep = await t.addMember(org, {
    teamId: sales,
    teamRole: "member",
    name: "Sal Sales",
    department: "Sales",
  });
  executive = await t.addMember(org, { teamId: leadership, teamRole: "member", name: "Lee Lead" });
  stakeholder = await t.addMember(org, { role: "viewer", teamId: support, name: "Vic Viewer" });
  marketer = await t.addMember(org, { department: "Marketing", name: "Mia Marketing" });
  const fx = accessFixtures(t, org.orgId);
  bot = await fx.agent({ key: "customer_support_bot", scope: "personal", ownerId: org.admin.userId });
  await fx.shareAgent(bot, support, "full");
  await fx.shareAgent(bot, sales, "run_only");
  await fx.shareAgent(bot, leadership, "view_only");
  await fx.model("gpt-4");
  await fx.model("claude-4");
  await fx.permissionSet(
    "marketing_team",
    { ai_models: ["gpt-4", "claude-3"], file_upload_limit: "100MB" },
    { department: "marketing" },
  );
});
afterAll(() => t.close());

const agentCheck = (action: string, subject?: string) => ({
  ...(subject && { subject: { type: "user", id: subject } }),
  action,
  resource: { type: "agent", key: "customer_support_bot" },
});

describe("the decision API answers the seed's sharing scenario", () => {
  it("support runs and edits the bot, sales only runs it, leadership only views it", async () => {
    const cases: [MemberFixture, string, boolean][] = [
      [supportLead, "agents:edit", true],
      [salesRep, "agents:run", true],
      [salesRep, "agents:edit", false],
      [executive, "agents:view", true],
      [executive, "agents:run", false],
      [marketer, "agents:view", false],
    ];
    for (const [person, action, allowed] of cases) {
      const response = await check(person.cookie, agentCheck(action));
      expect(response.statusCode, response.body).toBe(200);
      expect({ who: person.name, action, allowed: response.json().allowed }).toEqual({
        who: person.name,
        action,
        allowed,
      });
    }
  });

  it("explains who decided: the share, its team and level", async () => {
    const body = (await check(salesRep.cookie, agentCheck("agents:run"))).json();
    expect(body.reason.code).toBe("ALLOWED");
    expect(body.via).toEqual([{ type: "share", teamId: sales, teamName: "Sales", level: "run_only" }]);
    const denied = (await check(salesRep.cookie, agentCheck("agents:edit"))).json();
    expect(denied).toMatchObject({ allowed: false, reason: { code: "NO_ACCESS" } });
    expect(denied.reason.message).toMatch(/run_only.*needs full/);
  });

  it("a viewer can never run an agent, even one shared with their team at full", async () => {
    const body = (await check(stakeholder.cookie, agentCheck("agents:run"))).json();
    expect(body).toMatchObject({ allowed: false, reason: { code: "ROLE" } });
  });

  it("permission sets narrow models and upload size for the marketing department", async () => {
    const model = (key: string) => ({ action: "models:use", resource: { type: "model", key } });
    expect((await check(marketer.cookie, model("gpt-4"))).json()).toMatchObject({
      allowed: true,
      via: [{ type: "permission_set", key: "marketing_team", from: "department" }],
    });
    expect((await check(marketer.cookie, model("claude-4"))).json()).toMatchObject({
      allowed: false,
      reason: { code: "NOT_IN_PERMISSION_SET" },
    });
    expect((await check(salesRep.cookie, model("claude-4"))).json()).toMatchObject({
      allowed: true,
      via: [{ type: "role", role: "member" }],
    });
    const upload = (sizeBytes: number) => ({
      action: "files:upload",
      resource: { type: "org" },
      context: { sizeBytes },
    });
    const big = (await check(marketer.cookie, upload(300 * 1024 * 1024))).json();
    expect(big).toMatchObject({ allowed: false, reason: { code: "UPLOAD_TOO_LARGE" } });
    expect(big.reason.message).toBe(
      "300 MB is over the 100 MB upload limit set by permission set marketing_team.",
    );
    expect((await check(marketer.cookie, upload(50 * 1024 * 1024))).json().allowed).toBe(true);
  });
});

describe("who may ask", () => {
  it("admins ask about anyone; members only about themselves", async () => {
    expect((await check(org.admin.cookie, agentCheck("agents:run", salesRep.userId))).json().allowed).toBe(
      true,
    );
    expectError(await check(marketer.cookie, agentCheck("agents:run", salesRep.userId)), "FORBIDDEN");
    expect((await check(marketer.cookie, agentCheck("agents:run", marketer.userId))).statusCode).toBe(200);
  });

  it("someone who is not a member is denied, not an error", async () => {
    const body = (
      await check(org.admin.cookie, agentCheck("agents:run", "0190a000-0000-7000-8000-000000000001"))
    ).json();
    expect(body).toMatchObject({ allowed: false, reason: { code: "NOT_A_MEMBER" } });
  });

  it("an unknown action or resource is a clear error, not false", async () => {
    const action = await check(org.admin.cookie, {
      action: "agent:run",
      resource: { type: "agent", key: "customer_support_bot" },
    });
    expect(expectError(action, "UNKNOWN_ACTION").message).toContain('Did you mean "agents:run"?');
    expectError(
      await check(org.admin.cookie, {
        action: "agents:run",
        resource: { type: "agent", key: "no_such_bot" },
      }),
      "UNKNOWN_RESOURCE",
    );
    expectError(
      await check(org.admin.cookie, { action: "agents:run", resource: { type: "model", key: "gpt-4" } }),
      "VALIDATION_FAILED",
    );
  });

  it("signed out: 401; a member of another org: 404, never a decision about this org", async () => {
    expectError(await check(null, agentCheck("agents:run")), "UNAUTHENTICATED");
    const other = await t.setupOrg({ plan: "business" });
    expectError(await check(other.admin.cookie, agentCheck("agents:run")), "NOT_FOUND");
  });
});

describe("bodies of the decision API", () => {
  it("a __proto__ or constructor key anywhere is refused, not merged (prototype poisoning)", async () => {
    const poisoned = [
      '{"action":"agents:run","resource":{"type":"agent","key":"customer_support_bot"},"__proto__":{"isAdmin":true}}',
      '{"action":"agents:run","resource":{"type":"agent","key":"customer_support_bot","constructor":{"prototype":{"x":1}}}}',
      '{"action":"agents:run","resource":{"type":"agent","key":"customer_support_bot"},"context":{"\\u005f_proto__":{}}}',
    ];
    for (const body of poisoned) {
      const response = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/check"),
        cookie: salesRep.cookie,
        body,
        headers: { "content-type": "application/json" },
      });
      expectError(response, "VALIDATION_FAILED");
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    }
  });

  it("a body that is not JSON is a validation error", async () => {
    const response = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/check"),
      cookie: salesRep.cookie,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(expectError(response, "VALIDATION_FAILED").message).toContain("not valid JSON");
  });
});

describe("batch", () => {
  it("decides up to 1,000 checks in order, with per-check errors", async () => {
    const checks = [
      agentCheck("agents:run"),
      { action: "nope:nope", resource: { type: "org" } },
      agentCheck("agents:edit"),
    ];
    const response = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/check/batch"),
      cookie: salesRep.cookie,
      body: { checks },
    });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results;
    expect(
      results.map((r: { allowed?: boolean; error?: { code: string } }) => r.allowed ?? r.error?.code),
    ).toEqual([true, "UNKNOWN_ACTION", false]);
    const tooMany = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/check/batch"),
      cookie: salesRep.cookie,
      body: { checks: Array(1001).fill(agentCheck("agents:run")) },
    });
    expectError(tooMany, "VALIDATION_FAILED");
  });

  const batch = (cookie: string, body: unknown) =>
    t.request({ method: "POST", url: orgUrl(org.orgId, "/check/batch"), cookie, body });
  const MB = 1024 * 1024;

  it("takes defaults beside the checks; a check's own field replaces the default whole", async () => {
    const bySalesRep = { type: "user", id: salesRep.userId };
    const byMarketer = { type: "user", id: marketer.userId };
    const theBot = { type: "agent", key: "customer_support_bot" };
    const gpt4 = { type: "model", key: "gpt-4" };
    const response = await batch(org.admin.cookie, {
      subject: bySalesRep,
      resource: theBot,
      context: { sizeBytes: 300 * MB },
      checks: [
        { action: "agents:run" },
        { action: "agents:edit" },
        { action: "agents:edit", subject: { type: "user", id: supportLead.userId } },
        { action: "models:use", resource: gpt4, subject: byMarketer },
        { action: "files:upload", resource: { type: "org" }, subject: byMarketer },
        {
          action: "files:upload",
          resource: { type: "org" },
          subject: byMarketer,
          context: { sizeBytes: MB },
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results;
    // The seed's sharing: sales run the bot but do not edit it, support edit it; the marketing set
    // allows gpt-4 and uploads up to 100 MB, whose context is the batch's unless the check gives its own.
    expect(results.map((r: { allowed: boolean }) => r.allowed)).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(results[4].reason.code).toBe("UPLOAD_TOO_LARGE");
    // Each answer is the one the same check gets when it names every field itself.
    const spelledOut = [
      { subject: bySalesRep, action: "agents:run", resource: theBot, context: { sizeBytes: 300 * MB } },
      { subject: bySalesRep, action: "agents:edit", resource: theBot, context: { sizeBytes: 300 * MB } },
      {
        subject: { type: "user", id: supportLead.userId },
        action: "agents:edit",
        resource: theBot,
        context: { sizeBytes: 300 * MB },
      },
      { subject: byMarketer, action: "models:use", resource: gpt4, context: { sizeBytes: 300 * MB } },
      {
        subject: byMarketer,
        action: "files:upload",
        resource: { type: "org" },
        context: { sizeBytes: 300 * MB },
      },
      { subject: byMarketer, action: "files:upload", resource: { type: "org" }, context: { sizeBytes: MB } },
    ];
    for (const [i, body] of spelledOut.entries()) {
      expect(results[i]).toEqual((await check(org.admin.cookie, body)).json());
    }
  });

  it("a check left without an action or a resource is an error of its own; the others are decided", async () => {
    const response = await batch(salesRep.cookie, {
      action: "agents:run",
      checks: [{ resource: { type: "agent", key: "customer_support_bot" } }, { action: "agents:view" }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const [decided, unnamed] = response.json().results;
    expect(decided).toMatchObject({ allowed: true, via: [{ type: "share", teamName: "Sales" }] });
    expect(unnamed.error.code).toBe("VALIDATION_FAILED");
    expect(unnamed.error.message).toBe(
      'This check names no resource, and the batch gives none. Name it in the check, or give a default "resource" beside "checks".',
    );
    const noAction = await batch(salesRep.cookie, { checks: [{ resource: { type: "org" } }] });
    expect(noAction.json().results[0].error.message).toContain('give a default "action"');
  });

  it("a default subject is someone else: asking needs decisions:check, check by check", async () => {
    const response = await batch(salesRep.cookie, {
      subject: { type: "user", id: supportLead.userId },
      action: "agents:edit",
      resource: { type: "agent", key: "customer_support_bot" },
      checks: [{}, { subject: { type: "user", id: salesRep.userId } }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const [other, self] = response.json().results;
    expect(other.error.code).toBe("FORBIDDEN");
    expect(self).toMatchObject({ allowed: false, reason: { code: "NO_ACCESS" } });
  });

  it("refuses fields it does not know, beside the checks as in them", async () => {
    expectError(
      await batch(salesRep.cookie, { actions: "agents:run", checks: [agentCheck("agents:run")] }),
      "VALIDATION_FAILED",
    );
  });
});

describe("API keys", () => {
  const createKey = (person: MemberFixture, body: Record<string, unknown>) =>
    t.request({ method: "POST", url: orgUrl(org.orgId, "/api-keys"), cookie: person.cookie, body });

  it("a personal key acts as its owner; only its hash is stored; the secret is shown once", async () => {
    const created = await createKey(salesRep, { kind: "personal", name: "laptop" });
    expect(created.statusCode, created.body).toBe(201);
    const { apiKey, secret } = created.json();
    expect(secret).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(secret.slice(0, 11));
    const stored = await t.deps.db
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", apiKey.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(3));
    const answer = await check(null, agentCheck("agents:run"), withKey(secret));
    expect(answer.json()).toMatchObject({ allowed: true, via: [{ type: "share", teamName: "Sales" }] });
    const list = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/api-keys"),
      cookie: salesRep.cookie,
    });
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(list.json())).not.toContain(secret.slice(11));
  });

  it("scopes limit what a key may be asked about, and are never wider than its owner", async () => {
    const scoped = (
      await createKey(salesRep, { kind: "personal", name: "runner", scopes: ["agents:run"] })
    ).json();
    expect((await check(null, agentCheck("agents:run"), withKey(scoped.secret))).json().allowed).toBe(true);
    expect((await check(null, agentCheck("agents:view"), withKey(scoped.secret))).json()).toMatchObject({
      allowed: false,
      reason: { code: "API_KEY_SCOPE" },
    });
    expectError(
      await createKey(salesRep, { kind: "personal", name: "wide", scopes: ["billing:manage"] }),
      "ROLE_ABOVE_YOUR_OWN",
    );
    expectError(
      await createKey(salesRep, { kind: "personal", name: "typo", scopes: ["agent:run"] }),
      "UNKNOWN_ACTION",
    );
  });

  it("a personal key dies when its owner is demoted or leaves; a revoked key stops at once", async () => {
    const person = await t.addMember(org, { role: "admin", teamId: sales });
    const { secret } = (await createKey(person, { kind: "personal", name: "ops" })).json();
    expect((await check(null, agentCheck("agents:run"), withKey(secret))).statusCode).toBe(200);
    await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/members/${person.userId}`),
      cookie: org.admin.cookie,
      body: { role: "member" },
    });
    expectError(await check(null, agentCheck("agents:run"), withKey(secret)), "API_KEY_INVALID");

    const again = (await createKey(salesRep, { kind: "personal", name: "temp" })).json();
    const revoke = await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/api-keys/${again.apiKey.id}`),
      cookie: salesRep.cookie,
    });
    expect(revoke.json().apiKey.status).toBe("revoked");
    expectError(await check(null, agentCheck("agents:run"), withKey(again.secret)), "API_KEY_INVALID");
  });

  it("a team key acts as the team, is made by its admins or owners, and survives its creator leaving", async () => {
    const teamAdmin = await t.addMember(org, { teamId: support, teamRole: "admin", name: "Tina Teamadmin" });
    expectError(
      await createKey(salesRep, { kind: "team", name: "support bot", teamId: support }),
      "FORBIDDEN",
    );
    const created = await createKey(teamAdmin, { kind: "team", name: "support automation", teamId: support });
    expect(created.statusCode, created.body).toBe(201);
    const { secret } = created.json();
    expect((await check(null, agentCheck("agents:edit"), withKey(secret))).json()).toMatchObject({
      allowed: true,
      via: [{ type: "share", teamName: "Support", level: "full" }],
    });
    await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/members/${teamAdmin.userId}`),
      cookie: org.admin.cookie,
    });
    expect((await check(null, agentCheck("agents:edit"), withKey(secret))).json().allowed).toBe(true);
    // Asking about people needs decisions:check, which only an org admin can give a team key.
    expectError(await check(null, agentCheck("agents:run", salesRep.userId), withKey(secret)), "FORBIDDEN");
  });

  it("a key of one org is unknown to another; a malformed Authorization header is refused", async () => {
    const other = await t.setupOrg({ plan: "business" });
    const foreign = (
      await t.request({
        method: "POST",
        url: orgUrl(other.orgId, "/api-keys"),
        cookie: other.admin.cookie,
        body: { kind: "personal", name: "x" },
      })
    ).json();
    expectError(await check(null, agentCheck("agents:run"), withKey(foreign.secret)), "API_KEY_INVALID");
    expectError(
      await check(null, agentCheck("agents:run"), { authorization: "Basic abc" }),
      "API_KEY_INVALID",
    );
  });
});

describe("changes are enforced on the next check (no TTL)", () => {
  it("removing a share, a member or a permission set changes the very next answer", async () => {
    const person = await t.addMember(org, { teamId: sales, name: "Quinn Quick" });
    expect((await check(org.admin.cookie, agentCheck("agents:run", person.userId))).json().allowed).toBe(
      true,
    );
    await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/teams/${sales}/members/${person.userId}`),
      cookie: org.admin.cookie,
    });
    expect((await check(org.admin.cookie, agentCheck("agents:run", person.userId))).json()).toMatchObject({
      allowed: false,
      reason: { code: "NO_ACCESS" },
    });
    await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/members/${person.userId}`),
      cookie: org.admin.cookie,
    });
    expect((await check(org.admin.cookie, agentCheck("agents:run", person.userId))).json().reason.code).toBe(
      "NOT_A_MEMBER",
    );
  });

  it("project access ends by itself at its end date", async () => {
    const fx = accessFixtures(t, org.orgId);
    const devAssistant = await fx.agent({ key: "development_assistant", ownerId: org.admin.userId });
    const endsAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    await fx.project({ name: "Project Alpha", endsAt, userIds: [marketer.userId], agentIds: [devAssistant] });
    const run = { action: "agents:run", resource: { type: "agent", key: "development_assistant" } };
    const during = (await check(marketer.cookie, run)).json();
    expect(during).toMatchObject({
      allowed: true,
      expiresAt: endsAt,
      via: [{ type: "project", projectName: "Project Alpha" }],
    });
    t.clock.advanceDays(3);
    const after = (await check(marketer.cookie, run)).json();
    expect(after).toMatchObject({ allowed: false, reason: { code: "NO_ACCESS" } });
    expect(after.reason.message).toContain("Project Alpha ended");
  });
});

describe("GET …/members/:userId/access", () => {
  it("lists what a member can reach and why; others' reports are for admins", async () => {
    const own = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/members/${salesRep.userId}/access`),
      cookie: salesRep.cookie,
    });
    expect(own.statusCode, own.body).toBe(200);
    const report = own.json();
    expect(report.agents).toContainEqual(
      expect.objectContaining({ key: "customer_support_bot", actions: ["agents:view", "agents:run"] }),
    );
    expect(report.models.map((m: { key: string }) => m.key).sort()).toEqual(["claude-4", "gpt-4"]);
    expectError(
      await t.request({
        method: "GET",
        url: orgUrl(org.orgId, `/members/${salesRep.userId}/access`),
        cookie: marketer.cookie,
      }),
      "FORBIDDEN",
    );
    const byAdmin = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/members/${marketer.userId}/access`),
      cookie: org.admin.cookie,
    });
    expect(byAdmin.json().permissionSets).toEqual([
      expect.objectContaining({
        key: "marketing_team",
        from: "department marketing",
        rules: { ai_models: ["gpt-4", "claude-3"], file_upload_limit: "100MB" },
      }),
    ]);
  });
});

describe("GET …/members/:userId/access, in order", () => {
  it("lists each kind of resource by name, whatever order they were made in", async () => {
    const fx = accessFixtures(t, org.orgId);
    for (const key of ["zeta_helper", "alpha_helper", "mid_helper"]) await fx.agent({ key, scope: "org" });
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/members/${marketer.userId}/access`),
      cookie: marketer.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    const names = response.json().agents.map((a: { name: string }) => a.name);
    expect(names.filter((name: string) => name.endsWith(" helper"))).toEqual([
      "alpha helper",
      "mid helper",
      "zeta helper",
    ]);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});

describe("GET /api/v1/capabilities", () => {
  it("serves the capability table with every seed line", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/capabilities" });
    const items = response.json().items as { action: string; roles: string[] }[];
    expect(items.find((i) => i.action === "billing:manage")?.roles).toEqual(["admin"]);
    expect(items.find((i) => i.action === "conversations:view")?.roles).toEqual([
      "admin",
      "member",
      "viewer",
    ]);
    expect(response.json().denials.map((d: { seed: string }) => d.seed)).toContain(
      "Cannot run agents or tools",
    );
  });
});
