import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectStatus, orgUrl } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { assignPermissionSet, call, created, expectDecision, uniqueKey } from "../harness/resources.js";

/** Regressions: each case is a way the first version of the rules widened or blocked access wrongly. */
let t: TestApp;
let org: OrgFixture;
let marketing: string;
let outsider: MemberFixture;
let marketer: MemberFixture;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.setupOrg({ plan: "business" });
  marketing = await createTeam(t, org, "Marketing");
  marketer = await t.addMember(org, { teamId: marketing });
  outsider = await t.addMember(org, {});
});
afterAll(() => t.close());

describe("access rules", () => {
  it("removing the last share of an integration does not open it to everyone", async () => {
    const key = uniqueKey("crm");
    const integration = await created(t, org.orgId, org.admin, "/integrations", {
      key,
      name: "CRM",
      dataScopes: ["read_leads"],
    });
    const use = { type: "integration", key };
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, true);
    const shares = orgUrl(org.orgId, `/integrations/${integration.id}/shares`);
    expectStatus(
      await call(t, org.admin, "PUT", shares, [{ teamId: marketing, dataScope: "read_leads" }]),
      200,
    );
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, false);
    expectStatus(await call(t, org.admin, "PUT", shares, []), 200);
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, false);
    await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, false);
    // Reopening is an explicit change.
    expectStatus(
      await call(t, org.admin, "PATCH", orgUrl(org.orgId, `/integrations/${integration.id}`), {
        audience: "org",
      }),
      200,
    );
    await expectDecision(t, org.orgId, outsider.userId, "integrations:use", use, true);
  });

  it("grants add up: a share's data scope and a team space's full access; taking the space away narrows again", async () => {
    const key = uniqueKey("salesforce");
    const integration = await created(t, org.orgId, org.admin, "/integrations", {
      key,
      name: "Salesforce",
      dataScopes: ["read_leads", "read_customers"],
    });
    expectStatus(
      await call(t, org.admin, "PUT", orgUrl(org.orgId, `/integrations/${integration.id}/shares`), [
        { teamId: marketing, dataScope: "read_leads" },
      ]),
      200,
    );
    const space = await created(t, org.orgId, org.admin, "/team-spaces", {
      key: uniqueKey("space"),
      name: "Marketing Team Space",
    });
    expectStatus(
      await call(t, org.admin, "PUT", orgUrl(org.orgId, `/team-spaces/${space.id}/access`), [
        { teamId: marketing, level: "full" },
      ]),
      200,
    );
    const added = await call(t, org.admin, "POST", orgUrl(org.orgId, `/team-spaces/${space.id}/resources`), {
      resourceType: "integration",
      resourceId: integration.id,
    });
    expect([200, 201]).toContain(added.statusCode);
    const use = { type: "integration", key };
    await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, true, {
      dataScope: "read_leads",
    });
    const spaced = await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, true, {
      dataScope: "read_customers",
    });
    expect(spaced.via).toMatchObject([{ type: "team_space", level: "full" }]);
    expectStatus(
      await call(t, org.admin, "PUT", orgUrl(org.orgId, `/team-spaces/${space.id}/access`), []),
      200,
    );
    const denied = await expectDecision(t, org.orgId, marketer.userId, "integrations:use", use, false, {
      dataScope: "read_customers",
    });
    expect(denied.reason.code).toBe("DATA_SCOPE_NOT_GRANTED");
  });

  it("a permission set listing a key never opens someone else's personal knowledge base", async () => {
    const key = uniqueKey("executive");
    await created(t, org.orgId, org.admin, "/knowledge-bases", {
      key,
      name: "Exec notes",
      visibility: "personal",
    });
    await assignPermissionSet(t, org.orgId, marketer.userId, { knowledge_base_access: [key, "public"] });
    const decision = await expectDecision(
      t,
      org.orgId,
      marketer.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", key },
      false,
    );
    expect(decision.reason.code).toBe("NO_ACCESS");
  });

  it("admin_approval governs personal agents only: a team admin still creates the team's agents", async () => {
    const design = await createTeam(t, org, "Design");
    const lead = await t.addMember(org, { teamId: design, teamRole: "admin" });
    await assignPermissionSet(t, org.orgId, lead.userId, { agent_creation: "admin_approval" });
    const personal = await expectDecision(
      t,
      org.orgId,
      lead.userId,
      "agents:create",
      { type: "org" },
      false,
      { scope: "personal" },
    );
    expect(personal.reason.code).toBe("APPROVAL_REQUIRED");
    await expectDecision(t, org.orgId, lead.userId, "agents:create", { type: "org" }, true, {
      scope: "team",
      teamId: design,
    });
    const response = await call(t, lead, "POST", orgUrl(org.orgId, "/agents"), {
      key: uniqueKey("design_bot"),
      name: "Design bot",
      scope: "team",
      teamId: design,
    });
    expectStatus(response, 201);
  });
});
