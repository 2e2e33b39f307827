import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/domain/errors.js";
import { expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type TestApp } from "../harness/app.js";
import {
  assignPermissionSet,
  auditOf,
  call,
  created,
  expectDecision,
  type Json,
  listAll,
  uniqueKey,
} from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];

/** The seed's finance_team: agent creation needs an admin's approval. */
const FINANCE_RULES = { ai_models: ["claude-4", "gpt-4"], agent_creation: "admin_approval" };

describe("agent-creation requests", () => {
  let t: TestApp;
  let world: RoleWorld;
  /** A User under finance_team rules, and one whose set forbids creating agents. */
  let finance: MemberFixture;
  let noAgents: MemberFixture;

  const requestsUrl = (rest = "") => orgUrl(world.org.orgId, `/agent-requests${rest}`);
  const fileRequest = (as: MemberFixture = finance, key = uniqueKey("req")) =>
    created(t, world.org.orgId, as, "/agent-requests", {
      agentKey: key,
      agentName: "Invoice helper",
      description: "Matches invoices to POs",
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    finance = await t.addMember(world.org, { role: "member", name: "Fin Ance", department: "finance" });
    noAgents = await t.addMember(world.org, { role: "member", name: "No Agents" });
    await assignPermissionSet(t, world.org.orgId, finance.userId, FINANCE_RULES);
    await assignPermissionSet(t, world.org.orgId, world.people.teamMember.userId, FINANCE_RULES);
    await assignPermissionSet(t, world.org.orgId, noAgents.userId, { agent_creation: false });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /agent-requests is open to everyone in the org (each sees what they may)", async () => {
      expectAccess(await call(t, as(), "GET", requestsUrl()), actor, IN_ORG, 200);
    });

    it("POST /agent-requests is only for people whose creation needs approval; others are told why", async () => {
      const response = await call(t, as(), "POST", requestsUrl(), {
        agentKey: uniqueKey("ask"),
        agentName: "Helper",
      });
      const expected: Record<Actor, number | ErrorCode> = {
        teamMember: 201, // under finance_team rules
        admin: "VALIDATION_FAILED", // may create agents directly
        member: "VALIDATION_FAILED",
        teamOwner: "VALIDATION_FAILED",
        teamAdmin: "VALIDATION_FAILED",
        viewer: "FORBIDDEN",
        signedOut: "UNAUTHENTICATED",
        otherOrgAdmin: "NOT_FOUND",
      };
      const outcome = expected[actor];
      if (typeof outcome === "number") expectStatus(response, outcome);
      else expectError(response, outcome);
    });

    it("POST /agent-requests/:id/approve is for admins", async () => {
      const request = await fileRequest();
      const response = await call(t, as(), "POST", requestsUrl(`/${request.id}/approve`), {});
      expectAccess(response, actor, ["admin"], 200);
    });

    it("POST /agent-requests/:id/deny is for admins", async () => {
      const request = await fileRequest();
      const response = await call(t, as(), "POST", requestsUrl(`/${request.id}/deny`), { note: "Not now" });
      expectAccess(response, actor, ["admin"], 200);
    });
  });

  it("creating an agent under admin_approval is refused with APPROVAL_REQUIRED, pointing at a request", async () => {
    const response = await call(t, finance, "POST", orgUrl(world.org.orgId, "/agents"), {
      key: uniqueKey("direct"),
      name: "Direct",
    });
    const error = expectError(response, "FORBIDDEN");
    expect(response.json().error.details).toEqual({ reason: "APPROVAL_REQUIRED" });
    expect(error.message).toContain("agent-creation request");
    const disabled = await call(t, noAgents, "POST", requestsUrl(), {
      agentKey: uniqueKey(),
      agentName: "No",
    });
    expectError(disabled, "FORBIDDEN");
    expect(disabled.json().error.details).toEqual({ reason: "CREATION_DISABLED" });
    const allowed = expectError(
      await call(t, world.people.member, "POST", requestsUrl(), { agentKey: uniqueKey(), agentName: "Mine" }),
      "VALIDATION_FAILED",
    );
    expect(allowed.message).toContain("no approval is needed");
  });

  it("approval creates the personal agent, owned by the requester, and links it", async () => {
    const { org } = world;
    const key = uniqueKey("approved");
    const request = await fileRequest(finance, key);
    expect(request).toMatchObject({
      status: "pending",
      requesterUserId: finance.userId,
      agentKey: key,
      agentId: null,
    });
    const approved = await call(t, org.admin, "POST", requestsUrl(`/${request.id}/approve`), {
      note: "Go ahead",
    });
    expectStatus(approved, 200);
    const body = approved.json() as Json & { agentId: string };
    expect(body).toMatchObject({
      status: "approved",
      decidedBy: org.admin.userId,
      deciderName: "Ada Admin",
      decisionNote: "Go ahead",
    });
    const agent = await call(t, finance, "GET", orgUrl(org.orgId, `/agents/${body.agentId}`));
    expectStatus(agent, 200);
    expect(agent.json()).toMatchObject({
      key,
      name: "Invoice helper",
      description: "Matches invoices to POs",
      scope: "personal",
      ownerUserId: finance.userId,
    });
    await expectDecision(t, org.orgId, finance.userId, "agents:edit", { type: "agent", key }, true);
    await expectDecision(
      t,
      org.orgId,
      world.people.member.userId,
      "agents:view",
      { type: "agent", key },
      false,
    );
    // Decided once: neither approved again nor denied afterwards.
    expectError(
      await call(t, org.admin, "POST", requestsUrl(`/${request.id}/approve`)),
      "AGENT_REQUEST_DECIDED",
    );
    expectError(
      await call(t, org.admin, "POST", requestsUrl(`/${request.id}/deny`)),
      "AGENT_REQUEST_DECIDED",
    );
    expect((await auditOf(t, request.id)).map((e) => e.action)).toEqual([
      "agent_request.created",
      "agent_request.approved",
    ]);
    expect((await auditOf(t, body.agentId)).map((e) => e.action)).toEqual(["agent.created"]);
  });

  it("denial keeps the note for the requester and creates nothing", async () => {
    const request = await fileRequest();
    const denied = await call(t, world.org.admin, "POST", requestsUrl(`/${request.id}/deny`), {
      note: "Use the shared invoice bot",
    });
    expectStatus(denied, 200);
    expect(denied.json()).toMatchObject({
      status: "denied",
      agentId: null,
      decisionNote: "Use the shared invoice bot",
    });
    const mine = await listAll(t, world.org.orgId, finance, "/agent-requests");
    expect(mine.find((r) => r.id === request.id)).toMatchObject({ status: "denied" });
  });

  it("requesters see their own requests, admins all; status filters and pages work", async () => {
    const { org, people } = world;
    const theirs = await fileRequest(people.teamMember);
    const mine = await fileRequest(finance);
    const financeSees = (await listAll(t, org.orgId, finance, "/agent-requests", 2)).map((r) => r.id);
    expect(financeSees).toContain(mine.id);
    expect(financeSees).not.toContain(theirs.id);
    expect(await listAll(t, org.orgId, people.viewer, "/agent-requests")).toEqual([]);
    const adminSees = (await listAll(t, org.orgId, org.admin, "/agent-requests", 3)).map((r) => r.id);
    expect(adminSees).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const pending = await call(t, org.admin, "GET", requestsUrl("?status=pending&limit=100"));
    expectStatus(pending, 200);
    expect((pending.json().items as Json[]).every((r) => r.status === "pending")).toBe(true);
    expectError(await call(t, org.admin, "GET", requestsUrl("?status=maybe")), "VALIDATION_FAILED");
  });

  it("a key taken in the meantime is refused at approval; the admin may approve under another key", async () => {
    const key = uniqueKey("clash");
    const request = await fileRequest(finance, key);
    await created(t, world.org.orgId, world.org.admin, "/agents", { key, name: "Taken" });
    expectError(await call(t, world.org.admin, "POST", requestsUrl(`/${request.id}/approve`)), "KEY_TAKEN");
    const retried = await call(t, world.org.admin, "POST", requestsUrl(`/${request.id}/approve`), {
      agentKey: `${key}_2`,
    });
    expectStatus(retried, 200);
    expect(retried.json().status).toBe("approved");
  });

  it("a requester who left cannot be given an agent", async () => {
    const leaver = await t.addMember(world.org, { role: "member" });
    await assignPermissionSet(t, world.org.orgId, leaver.userId, FINANCE_RULES);
    const request = await fileRequest(leaver);
    expectStatus(
      await call(t, world.org.admin, "DELETE", orgUrl(world.org.orgId, `/members/${leaver.userId}`)),
      204,
    );
    const refused = expectError(
      await call(t, world.org.admin, "POST", requestsUrl(`/${request.id}/approve`)),
      "VALIDATION_FAILED",
    );
    expect(refused.message).toContain("no longer a member");
    expectStatus(await call(t, world.org.admin, "POST", requestsUrl(`/${request.id}/deny`)), 200);
  });

  it("validates input and keeps organizations apart", async () => {
    const { org, other } = world;
    expectError(
      await call(t, finance, "POST", requestsUrl(), { agentKey: "Bad Key", agentName: "x" }),
      "VALIDATION_FAILED",
    );
    expectError(
      await call(t, finance, "POST", requestsUrl(), { agentKey: uniqueKey(), agentName: "x", scope: "org" }),
      "VALIDATION_FAILED",
    );
    expectError(await call(t, finance, "POST", requestsUrl(), { agentName: "x" }), "VALIDATION_FAILED");
    const request = await fileRequest();
    expectError(
      await call(t, org.admin, "POST", requestsUrl(`/${request.id}/deny`), { note: "x", extra: true }),
      "VALIDATION_FAILED",
    );
    expectError(await call(t, org.admin, "POST", requestsUrl(`/${UNKNOWN_ID}/approve`)), "NOT_FOUND");
    expectError(await call(t, org.admin, "POST", requestsUrl("/not-an-id/approve")), "VALIDATION_FAILED");
    // Another org's admin, in their own org, cannot reach this org's request.
    expectError(
      await call(t, other.admin, "POST", orgUrl(other.orgId, `/agent-requests/${request.id}/approve`)),
      "NOT_FOUND",
    );
  });
});
