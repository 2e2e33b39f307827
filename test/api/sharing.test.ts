import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, expectStatus, orgUrl } from "../harness/api.js";
import { createTestApp, type MemberFixture, type TestApp } from "../harness/app.js";
import {
  auditOf,
  call,
  created,
  decide,
  expectDecision,
  type Json,
  uniqueKey,
} from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];
const TEAM_MANAGERS: Actor[] = ["admin", "teamOwner", "teamAdmin"];

/** The mixus seed's "Resource Sharing Configuration", exactly as written there. */
const SEED_SHARING = `{
  "shared_agents": {
    "customer_support_bot": {
      "access": ["support", "sales", "leadership"],
      "permissions": {
        "support": "full",
        "sales": "run_only", 
        "leadership": "view_only"
      }
    }
  },
  "shared_integrations": {
    "salesforce": {
      "access": ["sales", "marketing", "support"],
      "data_scope": {
        "sales": "full_access",
        "marketing": "read_leads",
        "support": "read_customers"
      }
    }
  }
}`;

describe("the sharing document (PUT/GET /sharing)", () => {
  let t: TestApp;
  let world: RoleWorld;
  let people: Record<"support" | "sales" | "leadership" | "marketing", MemberFixture>;
  let teams: Record<"support" | "sales" | "leadership" | "marketing", string>;
  let bot: Json;
  let salesforce: Json;
  let researchAgent: Json;

  const sharingUrl = () => orgUrl(world.org.orgId, "/sharing");
  const putSharing = (as: MemberFixture | string | null, body: unknown) =>
    call(t, as, "PUT", sharingUrl(), body);

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    const { org } = world;
    // Team names as people type them: the seed's lower-case names must still match.
    teams = {
      support: await createTeam(t, org, "Support"),
      sales: await createTeam(t, org, "Sales"),
      leadership: await createTeam(t, org, "Leadership"),
      marketing: await createTeam(t, org, "Marketing"),
    };
    const inTeam = (teamId: string) => t.addMember(org, { role: "member", teamId, teamRole: "member" });
    people = {
      support: await inTeam(teams.support),
      sales: await inTeam(teams.sales),
      leadership: await inTeam(teams.leadership),
      marketing: await inTeam(teams.marketing),
    };
    bot = await created(t, org.orgId, org.admin, "/agents", {
      key: "customer_support_bot",
      name: "Customer support bot",
    });
    salesforce = await created(t, org.orgId, org.admin, "/integrations", {
      key: "salesforce",
      name: "Salesforce",
      dataScopes: ["read_leads", "read_customers"],
    });
    researchAgent = await created(t, org.orgId, org.admin, "/agents", {
      key: "research_bot",
      name: "Research bot",
      scope: "team",
      teamId: world.teamId,
    });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /sharing is open to everyone in the org", async () => {
      expectAccess(await call(t, as(), "GET", sharingUrl()), actor, IN_ORG, 200);
    });

    it("PUT /sharing of a team agent needs agents:share on it (the team's admins and owners)", async () => {
      const response = await putSharing(as(), {
        shared_agents: { research_bot: { access: ["Support"], permissions: { Support: "view_only" } } },
      });
      expectAccess(response, actor, TEAM_MANAGERS, 200);
    });

    it("PUT /sharing of integrations is for admins", async () => {
      const response = await putSharing(as(), {
        shared_integrations: { salesforce: { access: [], data_scope: {} } },
      });
      expectAccess(response, actor, ["admin"], 200);
    });
  });

  it("accepts the seed's document as written, and the engine gives the seed's answers", async () => {
    const { org } = world;
    const response = await t.request({
      method: "PUT",
      url: sharingUrl(),
      cookie: org.admin.cookie,
      headers: { "content-type": "application/json" },
      body: SEED_SHARING,
    });
    expectStatus(response, 200);
    // The current sharing comes back in the seed's format, with the teams' names as they are stored.
    expect(response.json().shared_agents.customer_support_bot).toEqual({
      access: ["Leadership", "Sales", "Support"],
      permissions: { Leadership: "view_only", Sales: "run_only", Support: "full" },
    });
    expect(response.json().shared_integrations).toEqual({
      salesforce: {
        access: ["Marketing", "Sales", "Support"],
        data_scope: { Marketing: "read_leads", Sales: "full_access", Support: "read_customers" },
      },
    });
    const agent = { type: "agent", key: "customer_support_bot" };
    // support: full
    await expectDecision(t, org.orgId, people.support.userId, "agents:edit", agent, true);
    await expectDecision(t, org.orgId, people.support.userId, "agents:share", agent, true);
    // sales: run_only
    await expectDecision(t, org.orgId, people.sales.userId, "agents:run", agent, true);
    await expectDecision(t, org.orgId, people.sales.userId, "agents:edit", agent, false);
    // leadership: view_only
    await expectDecision(t, org.orgId, people.leadership.userId, "agents:view", agent, true);
    await expectDecision(t, org.orgId, people.leadership.userId, "agents:run", agent, false);
    await expectDecision(t, org.orgId, people.leadership.userId, "agents:edit", agent, false);
    // marketing: not shared
    await expectDecision(t, org.orgId, people.marketing.userId, "agents:view", agent, false);
    // salesforce: marketing read_leads only, support read_customers only, sales everything
    const sf = { type: "integration", key: "salesforce" };
    await expectDecision(t, org.orgId, people.marketing.userId, "integrations:use", sf, true, {
      dataScope: "read_leads",
    });
    const refused = await decide(t, org.orgId, people.marketing.userId, "integrations:use", sf, {
      dataScope: "read_customers",
    });
    expect(refused).toMatchObject({ allowed: false, reason: { code: "DATA_SCOPE_NOT_GRANTED" } });
    await expectDecision(t, org.orgId, people.support.userId, "integrations:use", sf, true, {
      dataScope: "read_customers",
    });
    await expectDecision(t, org.orgId, people.sales.userId, "integrations:use", sf, true, {
      dataScope: "read_leads",
    });
    await expectDecision(t, org.orgId, people.leadership.userId, "integrations:use", sf, false);
    // The per-resource routes see the same shares.
    const shares = await call(t, org.admin, "GET", orgUrl(org.orgId, `/agents/${bot.id}/shares`));
    expect((shares.json().items as Json[]).map((s) => [s.teamName, s.level])).toEqual([
      ["Leadership", "view_only"],
      ["Sales", "run_only"],
      ["Support", "full"],
    ]);
    expect((await auditOf(t, salesforce.id)).at(-1)).toMatchObject({
      action: "integration.shared",
      after: { key: "salesforce", via: "sharing document" },
    });
  });

  it("GET /sharing round-trips through PUT, and leaves out agents the caller cannot see", async () => {
    const { org } = world;
    const current = await call(t, org.admin, "GET", sharingUrl());
    expectStatus(current, 200);
    expectStatus(await putSharing(org.admin, current.json()), 200);
    expect((await call(t, org.admin, "GET", sharingUrl())).json()).toEqual(current.json());
    const marketerView = (await call(t, people.marketing, "GET", sharingUrl())).json();
    expect(Object.keys(marketerView.shared_agents)).not.toContain("customer_support_bot");
    expect(Object.keys(marketerView.shared_integrations)).toContain("salesforce");
    const leaderView = (await call(t, people.leadership, "GET", sharingUrl())).json();
    expect(Object.keys(leaderView.shared_agents)).toContain("customer_support_bot");
  });

  it("refuses the whole document, listing every unknown name, key and data scope, and changes nothing", async () => {
    const { org } = world;
    const before = (await call(t, org.admin, "GET", sharingUrl())).json();
    const response = await putSharing(org.admin, {
      shared_agents: {
        customer_support_bot: {
          access: ["support", "Ghosts"],
          permissions: { support: "view_only", ghosts: "full" },
        },
        missing_bot: { access: ["sales"], permissions: { sales: "full" } },
      },
      shared_integrations: {
        salesforce: { access: ["marketing"], data_scope: { marketing: "read_everything" } },
        hubspot: { access: ["sales"], data_scope: { sales: "full_access" } },
      },
    });
    const error = expectError(response, "VALIDATION_FAILED");
    for (const name of ["missing_bot", "hubspot", "Ghosts", "salesforce:read_everything"]) {
      expect(error.message).toContain(name);
    }
    expect(response.json().error.details.unknown).toMatchObject({
      agents: ["missing_bot"],
      integrations: ["hubspot"],
      teams: ["Ghosts"],
      dataScopes: ["salesforce:read_everything"],
    });
    expect((await call(t, org.admin, "GET", sharingUrl())).json()).toEqual(before);
  });

  it("refuses an access entry without a level or data scope, bad levels and unknown fields", async () => {
    const { org } = world;
    const missing = expectError(
      await putSharing(org.admin, {
        shared_agents: {
          customer_support_bot: { access: ["support", "sales"], permissions: { support: "full" } },
        },
      }),
      "VALIDATION_FAILED",
    );
    expect(missing.message).toContain('"sales" without a level');
    expectError(
      await putSharing(org.admin, { shared_integrations: { salesforce: { access: ["sales"] } } }),
      "VALIDATION_FAILED",
    );
    expectError(
      await putSharing(org.admin, {
        shared_agents: { customer_support_bot: { access: ["sales"], permissions: { sales: "owner" } } },
      }),
      "VALIDATION_FAILED",
    );
    expectError(await putSharing(org.admin, { shared_agent: {} }), "VALIDATION_FAILED");
    expectError(await putSharing(org.admin, [SEED_SHARING]), "VALIDATION_FAILED");
  });

  it("a member shares their own agent through the document, but not someone else's", async () => {
    const { org } = world;
    const own = await created(t, org.orgId, world.people.member, "/agents", {
      key: uniqueKey("mine"),
      name: "Mine",
    });
    const shared = await putSharing(world.people.member, {
      shared_agents: { [own.key as string]: { access: ["sales"], permissions: { sales: "run_only" } } },
    });
    expectStatus(shared, 200);
    await expectDecision(
      t,
      org.orgId,
      people.sales.userId,
      "agents:run",
      { type: "agent", id: own.id },
      true,
    );
    expectError(
      await putSharing(world.people.member, {
        shared_agents: { customer_support_bot: { access: [], permissions: {} } },
      }),
      "FORBIDDEN",
    );
  });

  it("an empty access list unshares; another org's document cannot reach this one", async () => {
    const { org, other } = world;
    expectStatus(
      await putSharing(org.admin, { shared_agents: { research_bot: { access: [], permissions: {} } } }),
      200,
    );
    const shares = await call(t, org.admin, "GET", orgUrl(org.orgId, `/agents/${researchAgent.id}/shares`));
    expect(shares.json().items).toEqual([]);
    expectError(await putSharing(other.admin, { shared_agents: {} }), "NOT_FOUND");
    // In their own org, this org's keys and teams are unknown.
    const theirs = await call(
      t,
      other.admin,
      "PUT",
      orgUrl(other.orgId, "/sharing"),
      JSON.parse(SEED_SHARING),
    );
    const error = expectError(theirs, "VALIDATION_FAILED");
    expect(error.message).toContain("customer_support_bot");
  });
});

describe("two teams that grant alike", () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it("the decision names the team made first, whatever order the person joined them in", async () => {
    t = await createTestApp();
    const { org } = await buildRoleWorld(t);
    const first = await createTeam(t, org, "Atlas");
    const second = await createTeam(t, org, "Borealis");
    // Joins the team made second first, then the first one.
    const person = await t.addMember(org, { role: "member", teamId: second, teamRole: "member" });
    expectStatus(
      await call(t, org.admin, "POST", orgUrl(org.orgId, `/teams/${first}/members`), {
        userId: person.userId,
      }),
      201,
    );
    const key = uniqueKey("twice_shared");
    const agent = await created(t, org.orgId, org.admin, "/agents", { key, name: "Twice shared" });
    expectStatus(
      await call(t, org.admin, "PUT", orgUrl(org.orgId, "/sharing"), {
        shared_agents: {
          [key]: { access: ["Borealis", "Atlas"], permissions: { Borealis: "run_only", Atlas: "run_only" } },
        },
      }),
      200,
    );
    // Read from the database as every rebuild reads it: the rows' order there must not matter.
    const decision = await expectDecision(
      t,
      org.orgId,
      person.userId,
      "agents:run",
      { type: "agent", id: agent.id as string },
      true,
    );
    expect(decision.via).toEqual([{ type: "share", teamId: first, teamName: "Atlas", level: "run_only" }]);
  });
});
