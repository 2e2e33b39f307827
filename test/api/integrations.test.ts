import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/domain/access/evaluate.js";
import { createTeam, expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type TestApp } from "../harness/app.js";
import {
  auditOf,
  call,
  created,
  decide,
  expectDecision,
  type Json,
  linksTo,
  linkToProject,
  listAll,
  uniqueKey,
} from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];

describe("integrations registry", () => {
  let t: TestApp;
  let world: RoleWorld;
  let salesforce: Json;

  const integrationsUrl = (rest = "") => orgUrl(world.org.orgId, `/integrations${rest}`);
  const newIntegration = (dataScopes: string[] = []) =>
    created(t, world.org.orgId, world.org.admin, "/integrations", {
      key: uniqueKey("int"),
      name: "Tool",
      dataScopes,
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    salesforce = await created(t, world.org.orgId, world.org.admin, "/integrations", {
      key: "salesforce",
      name: "Salesforce",
      dataScopes: ["read_leads", "read_customers"],
    });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("reading the catalog (list, one, shares) is open to everyone in the org", async () => {
      expectAccess(await call(t, as(), "GET", integrationsUrl()), actor, IN_ORG, 200);
      expectAccess(await call(t, as(), "GET", integrationsUrl(`/${salesforce.id}`)), actor, IN_ORG, 200);
      expectAccess(
        await call(t, as(), "GET", integrationsUrl(`/${salesforce.id}/shares`)),
        actor,
        IN_ORG,
        200,
      );
    });

    it("POST /integrations is for admins (Manage integrations and connections)", async () => {
      const response = await call(t, as(), "POST", integrationsUrl(), {
        key: uniqueKey("slack"),
        name: "Slack",
      });
      expectAccess(response, actor, ["admin"], 201);
    });

    it("PATCH and DELETE /integrations/:id are for admins", async () => {
      const integration = await newIntegration();
      expectAccess(
        await call(t, as(), "PATCH", integrationsUrl(`/${integration.id}`), { name: "Renamed" }),
        actor,
        ["admin"],
        200,
      );
      expectAccess(
        await call(t, as(), "DELETE", integrationsUrl(`/${integration.id}`)),
        actor,
        ["admin"],
        204,
      );
    });

    it("PUT and DELETE /integrations/:id/shares are for admins", async () => {
      const integration = await newIntegration(["read_only"]);
      expectAccess(
        await call(t, as(), "PUT", integrationsUrl(`/${integration.id}/shares`), [
          { teamId: world.teamId, dataScope: "read_only" },
        ]),
        actor,
        ["admin"],
        200,
      );
      expectStatus(
        await call(t, world.org.admin, "PUT", integrationsUrl(`/${integration.id}/shares`), [
          { teamId: world.teamId, dataScope: "full_access" },
        ]),
        200,
      );
      expectAccess(
        await call(t, as(), "DELETE", integrationsUrl(`/${integration.id}/shares/${world.teamId}`)),
        actor,
        ["admin"],
        204,
      );
    });
  });

  it("the seed's Salesforce data scopes: marketing may read leads but not customers", async () => {
    const { org } = world;
    const [sales, marketing, support] = await Promise.all(
      ["Sales", "Marketing", "Support"].map((name) => createTeam(t, org, name)),
    );
    const inTeam = (teamId: string | undefined): Promise<MemberFixture> =>
      t.addMember(org, { role: "member", teamId: teamId as string, teamRole: "member" });
    const [seller, marketer, supporter] = [
      await inTeam(sales),
      await inTeam(marketing),
      await inTeam(support),
    ];
    const outsider = world.people.member;
    const use = { type: "integration", key: "salesforce" };
    // No shares yet: every member may use it, viewers never.
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, true, {
      dataScope: "read_customers",
    });
    await expectDecision(t, org.orgId, world.people.viewer.userId, "integrations:use", use, false);

    const response = await call(t, org.admin, "PUT", integrationsUrl(`/${salesforce.id}/shares`), [
      { teamId: sales, dataScope: "full_access" },
      { teamId: marketing, dataScope: "read_leads" },
      { teamId: support, dataScope: "read_customers" },
    ]);
    expectStatus(response, 200);
    expect((response.json().items as Json[]).map((s) => [s.teamName, s.dataScope])).toEqual([
      ["Marketing", "read_leads"],
      ["Sales", "full_access"],
      ["Support", "read_customers"],
    ]);
    const allowed = await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, true, {
      dataScope: "read_leads",
    });
    // The share's data scope explains it; an agent's share level has no meaning here.
    expect(allowed.reason.message).toBe("Allowed: shared with the Marketing team (data scope read_leads).");
    const refused = await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, false, {
      dataScope: "read_customers",
    });
    expect(refused.reason).toEqual({
      code: "DATA_SCOPE_NOT_GRANTED",
      message: "This person may use salesforce with the read_leads data scope, not read_customers.",
    });
    // A team API key acts as its team, and is named as one.
    const asTeam = evaluate(
      await t.deps.policies.policyFor(org.orgId),
      {
        subject: { type: "team", id: support as string },
        action: "integrations:use",
        resource: use,
        context: { dataScope: "read_leads" },
      },
      t.clock.now().getTime(),
    );
    expect(asTeam.reason.message).toBe(
      "The Support team key may use salesforce with the read_customers data scope, not read_leads.",
    );
    await expectDecision(t, org.orgId, seller.userId, "integrations:use", use, true, {
      dataScope: "read_customers",
    });
    await expectDecision(t, org.orgId, supporter.userId, "integrations:use", use, true, {
      dataScope: "read_customers",
    });
    await expectDecision(t, org.orgId, supporter.userId, "integrations:use", use, false, {
      dataScope: "read_leads",
    });
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, false);

    // Turning it off refuses everyone at once.
    expectStatus(
      await call(t, org.admin, "PATCH", integrationsUrl(`/${salesforce.id}`), { enabled: false }),
      200,
    );
    expect((await decide(t, org.orgId, seller.userId, "integrations:use", use)).reason.code).toBe("DISABLED");
    expectStatus(
      await call(t, org.admin, "PATCH", integrationsUrl(`/${salesforce.id}`), { enabled: true }),
      200,
    );

    // A data scope a share still uses cannot be removed.
    const stranded = expectError(
      await call(t, org.admin, "PATCH", integrationsUrl(`/${salesforce.id}`), {
        dataScopes: ["read_customers"],
      }),
      "VALIDATION_FAILED",
    );
    expect(stranded.message).toContain("Marketing (read_leads)");
    expect((await auditOf(t, salesforce.id)).map((e) => e.action)).toContain("integration.shared");
  });

  it("data scopes: full_access is implied, duplicates fold, names follow the key rule", async () => {
    const response = await call(t, world.org.admin, "POST", integrationsUrl(), {
      key: uniqueKey("hubspot"),
      name: "HubSpot",
      dataScopes: ["read_leads", "full_access", "READ_LEADS", "write_notes"],
    });
    expectStatus(response, 201);
    expect(response.json()).toMatchObject({ dataScopes: ["read_leads", "write_notes"], enabled: true });
    expectError(
      await call(t, world.org.admin, "POST", integrationsUrl(), {
        key: uniqueKey(),
        name: "x",
        dataScopes: ["read leads"],
      }),
      "VALIDATION_FAILED",
    );
  });

  it("refuses shares with unknown data scopes, repeated teams and other orgs' teams", async () => {
    const { org, other } = world;
    const put = (body: unknown) =>
      call(t, org.admin, "PUT", integrationsUrl(`/${salesforce.id}/shares`), body);
    const unknown = expectError(
      await put([{ teamId: world.teamId, dataScope: "read_everything" }]),
      "VALIDATION_FAILED",
    );
    expect(unknown.message).toContain("full_access, read_leads, read_customers");
    expectError(
      await put([
        { teamId: world.teamId, dataScope: "read_leads" },
        { teamId: world.teamId, dataScope: "read_customers" },
      ]),
      "VALIDATION_FAILED",
    );
    expectError(await put([{ teamId: world.teamId }]), "VALIDATION_FAILED");
    expectError(await put({ shares: [] }), "VALIDATION_FAILED");
    expectError(await put([{ teamId: UNKNOWN_ID, dataScope: "read_leads" }]), "NOT_FOUND");
    const theirTeam = await createTeam(t, other, "Theirs");
    expectError(await put([{ teamId: theirTeam, dataScope: "read_leads" }]), "NOT_FOUND");
    expectError(
      await call(t, org.admin, "DELETE", integrationsUrl(`/${salesforce.id}/shares/${UNKNOWN_ID}`)),
      "NOT_FOUND",
    );
  });

  it("keys are unique; lists page; other orgs' integrations are 404", async () => {
    const { org, other } = world;
    const taken = expectError(
      await call(t, org.admin, "POST", integrationsUrl(), { key: "Salesforce", name: "Again" }),
      "KEY_TAKEN",
    );
    expect(taken.message).toContain("integration with this key");
    expectError(
      await call(t, org.admin, "POST", integrationsUrl(), { key: "x", name: "x", status: "on" }),
      "VALIDATION_FAILED",
    );
    await newIntegration();
    await newIntegration();
    const all = await listAll(t, org.orgId, world.people.viewer, "/integrations", 1);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const theirs = await created(t, other.orgId, other.admin, "/integrations", {
      key: "salesforce",
      name: "Theirs",
    });
    for (const [method, path] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["GET", "/shares"],
      ["PUT", "/shares"],
    ] as const) {
      const body = method === "PATCH" ? { name: "x" } : method === "PUT" ? [] : undefined;
      expectError(
        await call(t, org.admin, method, integrationsUrl(`/${theirs.id}${path}`), body),
        "NOT_FOUND",
      );
    }
    expectError(
      await call(t, other.admin, "GET", orgUrl(other.orgId, `/integrations/${salesforce.id}`)),
      "NOT_FOUND",
    );
  });

  it("deleting removes its shares and its team-space and project links", async () => {
    const { org } = world;
    const integration = await newIntegration();
    expectStatus(
      await call(t, org.admin, "PUT", integrationsUrl(`/${integration.id}/shares`), [
        { teamId: world.teamId, dataScope: "full_access" },
      ]),
      200,
    );
    const space = await created(t, org.orgId, org.admin, "/team-spaces", { key: uniqueKey("s"), name: "S" });
    expectStatus(
      await call(t, org.admin, "POST", orgUrl(org.orgId, `/team-spaces/${space.id}/resources`), {
        resourceType: "integration",
        resourceId: integration.id,
      }),
      201,
    );
    await linkToProject(t, org.orgId, "integration", integration.id);
    expect(await linksTo(t, integration.id)).toBe(2);
    expectStatus(await call(t, org.admin, "DELETE", integrationsUrl(`/${integration.id}`)), 204);
    expect(await linksTo(t, integration.id)).toBe(0);
    const shares = await t.deps.db
      .selectFrom("integration_shares")
      .select("team_id")
      .where("integration_id", "=", integration.id)
      .execute();
    expect(shares).toEqual([]);
    expect((await auditOf(t, integration.id)).map((e) => e.action)).toEqual([
      "integration.created",
      "integration.shared",
      "integration.deleted",
    ]);
  });
});
