import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import {
  auditOf,
  call,
  created,
  expectDecision,
  type Json,
  linksTo,
  linkToProject,
  listAll,
  uniqueKey,
} from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];
const WORKERS: Actor[] = ["admin", "member", "teamOwner", "teamAdmin", "teamMember"];
const TEAM_READERS: Actor[] = ["admin", "teamOwner", "teamAdmin", "teamMember"];
const TEAM_MANAGERS: Actor[] = ["admin", "teamOwner", "teamAdmin"];

describe("agents registry", () => {
  let t: TestApp;
  let world: RoleWorld;
  let teamAgent: Json;
  let otherTeamId: string;

  const agentsUrl = (rest = "") => orgUrl(world.org.orgId, `/agents${rest}`);
  const newTeamAgent = () =>
    created(t, world.org.orgId, world.org.admin, "/agents", {
      key: uniqueKey("team_bot"),
      name: "Research bot",
      scope: "team",
      teamId: world.teamId,
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    teamAgent = await newTeamAgent();
    otherTeamId = await createTeam(t, world.org, "Support");
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /agents is open to every member and viewer of the org", async () => {
      expectAccess(await call(t, as(), "GET", agentsUrl()), actor, IN_ORG, 200);
    });

    it("POST /agents (personal) is for everyone but viewers", async () => {
      const response = await call(t, as(), "POST", agentsUrl(), { key: uniqueKey("mine"), name: "Mine" });
      expectAccess(response, actor, WORKERS, 201);
      if (response.statusCode === 201) {
        expect(response.json()).toMatchObject({ scope: "personal", teamId: null });
        expect(response.json().ownerUserId).toBe(
          actor === "admin" ? world.org.admin.userId : world.people[actor as "member"].userId,
        );
      }
    });

    it("POST /agents (team scope) is for org admins and that team's admins and owners", async () => {
      const response = await call(t, as(), "POST", agentsUrl(), {
        key: uniqueKey("team"),
        name: "Team agent",
        scope: "team",
        teamId: world.teamId,
      });
      expectAccess(response, actor, TEAM_MANAGERS, 201);
    });

    it("POST /agents (org scope) is for org admins only", async () => {
      const response = await call(t, as(), "POST", agentsUrl(), {
        key: uniqueKey("org"),
        name: "Org",
        scope: "org",
      });
      expectAccess(response, actor, ["admin"], 201);
    });

    it("GET /agents/:id of a team agent is for admins and the team", async () => {
      expectAccess(await call(t, as(), "GET", agentsUrl(`/${teamAgent.id}`)), actor, TEAM_READERS, 200);
    });

    it("PATCH /agents/:id of a team agent is for admins and the team's admins and owners", async () => {
      const response = await call(t, as(), "PATCH", agentsUrl(`/${teamAgent.id}`), {
        description: `by ${actor}`,
      });
      expectAccess(response, actor, TEAM_MANAGERS, 200);
    });

    it("DELETE /agents/:id of a team agent is for admins and the team's admins and owners", async () => {
      const agent = await newTeamAgent();
      expectAccess(await call(t, as(), "DELETE", agentsUrl(`/${agent.id}`)), actor, TEAM_MANAGERS, 204);
    });

    it("GET /agents/:id/shares follows agents:view", async () => {
      expectAccess(
        await call(t, as(), "GET", agentsUrl(`/${teamAgent.id}/shares`)),
        actor,
        TEAM_READERS,
        200,
      );
    });

    it("PUT /agents/:id/shares needs full access (agents:share)", async () => {
      const agent = await newTeamAgent();
      const response = await call(t, as(), "PUT", agentsUrl(`/${agent.id}/shares`), [
        { teamId: otherTeamId, level: "run_only" },
      ]);
      expectAccess(response, actor, TEAM_MANAGERS, 200);
    });

    it("DELETE /agents/:id/shares/:teamId needs full access (agents:share)", async () => {
      const agent = await newTeamAgent();
      expectStatus(
        await call(t, world.org.admin, "PUT", agentsUrl(`/${agent.id}/shares`), [
          { teamId: otherTeamId, level: "view_only" },
        ]),
        200,
      );
      const response = await call(t, as(), "DELETE", agentsUrl(`/${agent.id}/shares/${otherTeamId}`));
      expectAccess(response, actor, TEAM_MANAGERS, 204);
    });
  });

  it("lists only what each person may view, in pages", async () => {
    const { org, people } = world;
    const personal = await created(t, org.orgId, people.member, "/agents", {
      key: uniqueKey("p"),
      name: "Mo's",
    });
    const orgWide = await created(t, org.orgId, org.admin, "/agents", {
      key: uniqueKey("o"),
      name: "All",
      scope: "org",
    });
    const ids = async (actor: Actor) =>
      new Set(
        (await listAll(t, org.orgId, people[actor as "member"] ?? org.admin, "/agents", 2)).map((a) => a.id),
      );
    const memberSees = await ids("member");
    expect(memberSees.has(personal.id)).toBe(true);
    expect(memberSees.has(orgWide.id)).toBe(true);
    expect(memberSees.has(teamAgent.id)).toBe(false);
    const viewerSees = await ids("viewer");
    expect(viewerSees.has(personal.id)).toBe(false);
    expect(viewerSees.has(orgWide.id)).toBe(true);
    const teamMemberSees = await ids("teamMember");
    expect(teamMemberSees.has(teamAgent.id)).toBe(true);
    expect(teamMemberSees.has(personal.id)).toBe(false);
    const adminSees = await ids("admin");
    for (const id of [personal.id, orgWide.id, teamAgent.id]) expect(adminSees.has(id)).toBe(true);
    // Pages are in creation order and do not repeat.
    const all = await listAll(t, org.orgId, org.admin, "/agents", 3);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort());
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });

  it("refuses invalid input: unknown fields, bad keys, scope without or with a team, duplicate keys", async () => {
    const post = (body: unknown) => call(t, world.org.admin, "POST", agentsUrl(), body);
    expectError(await post({ key: "ok_key", name: "x", owner: "me" }), "VALIDATION_FAILED");
    expectError(await post({ key: "Not a key!", name: "x" }), "VALIDATION_FAILED");
    expectError(await post({ key: uniqueKey(), name: "" }), "VALIDATION_FAILED");
    expectError(await post({ key: uniqueKey(), name: "x", scope: "galaxy" }), "VALIDATION_FAILED");
    expectError(await post({ key: uniqueKey(), name: "x", scope: "team" }), "VALIDATION_FAILED");
    expectError(await post({ key: uniqueKey(), name: "x", teamId: world.teamId }), "VALIDATION_FAILED");
    expectError(
      await post({ key: uniqueKey(), name: "x", scope: "team", teamId: "nope" }),
      "VALIDATION_FAILED",
    );
    expectError(await post({ key: uniqueKey(), name: "x", scope: "team", teamId: UNKNOWN_ID }), "NOT_FOUND");
    const key = uniqueKey("dup");
    expectStatus(await post({ key, name: "First" }), 201);
    const taken = expectError(await post({ key: key.toUpperCase(), name: "Second" }), "KEY_TAKEN");
    expect(taken.message).toContain("agent with this key");
    expectError(await call(t, world.org.admin, "GET", agentsUrl("?cursor=bogus")), "VALIDATION_FAILED");
    expectError(await call(t, world.org.admin, "GET", agentsUrl("?limit=0")), "VALIDATION_FAILED");
    expectError(await call(t, world.org.admin, "GET", agentsUrl("/not-an-id")), "VALIDATION_FAILED");
    expectError(
      await call(t, world.org.admin, "PUT", agentsUrl(`/${teamAgent.id}/shares`), [
        { teamId: otherTeamId, level: "full" },
        { teamId: otherTeamId, level: "view_only" },
      ]),
      "VALIDATION_FAILED",
    );
    expectError(
      await call(t, world.org.admin, "PUT", agentsUrl(`/${teamAgent.id}/shares`), [
        { teamId: otherTeamId, level: "admin" },
      ]),
      "VALIDATION_FAILED",
    );
  });

  it("keeps organizations apart: another org's ids are 404, and so are its teams in shares", async () => {
    const { org, other } = world;
    const theirs = await created(t, other.orgId, other.admin, "/agents", {
      key: uniqueKey("theirs"),
      name: "Theirs",
    });
    const theirTeam = await createTeam(t, other, "Their team");
    for (const [method, path] of [
      ["GET", `/${theirs.id}`],
      ["PATCH", `/${theirs.id}`],
      ["DELETE", `/${theirs.id}`],
      ["GET", `/${theirs.id}/shares`],
      ["PUT", `/${theirs.id}/shares`],
    ] as const) {
      const body = method === "PATCH" ? { name: "x" } : method === "PUT" ? [] : undefined;
      expectError(await call(t, org.admin, method, agentsUrl(path), body), "NOT_FOUND");
    }
    expectError(
      await call(t, org.admin, "PUT", agentsUrl(`/${teamAgent.id}/shares`), [
        { teamId: theirTeam, level: "full" },
      ]),
      "NOT_FOUND",
    );
    expectError(
      await call(t, org.admin, "POST", agentsUrl(), {
        key: uniqueKey(),
        name: "x",
        scope: "team",
        teamId: theirTeam,
      }),
      "NOT_FOUND",
    );
    expectError(
      await call(t, other.admin, "GET", orgUrl(other.orgId, `/agents/${teamAgent.id}`)),
      "NOT_FOUND",
    );
  });

  it("feeds the decision engine at once: shares, edits and deletion change the answers", async () => {
    const { org, people } = world;
    const agent = await created(t, org.orgId, people.member, "/agents", {
      key: uniqueKey("feed"),
      name: "Feed",
    });
    const ref = { type: "agent", id: agent.id };
    await expectDecision(t, org.orgId, people.member.userId, "agents:edit", ref, true);
    await expectDecision(t, org.orgId, people.teamMember.userId, "agents:view", ref, false);
    // The owner shares it with Research at run_only: the team may run, not edit.
    const shared = await call(t, people.member, "PUT", agentsUrl(`/${agent.id}/shares`), {
      items: [{ teamId: world.teamId, level: "run_only" }],
    });
    expectStatus(shared, 200);
    expect(shared.json().items).toEqual([
      expect.objectContaining({ teamId: world.teamId, teamName: "Research", level: "run_only" }),
    ]);
    await expectDecision(t, org.orgId, people.teamMember.userId, "agents:run", ref, true);
    await expectDecision(t, org.orgId, people.teamMember.userId, "agents:edit", ref, false);
    expectError(
      await call(t, people.teamMember, "PATCH", agentsUrl(`/${agent.id}`), { name: "Mine now" }),
      "FORBIDDEN",
    );
    // Keys are how checks name agents: a new key is found at once.
    expectStatus(
      await call(t, people.member, "PATCH", agentsUrl(`/${agent.id}`), { key: "renamed_feed" }),
      200,
    );
    await expectDecision(
      t,
      org.orgId,
      people.teamMember.userId,
      "agents:run",
      { type: "agent", key: "renamed_feed" },
      true,
    );
    expectStatus(
      await call(t, people.member, "DELETE", agentsUrl(`/${agent.id}/shares/${world.teamId}`)),
      204,
    );
    await expectDecision(t, org.orgId, people.teamMember.userId, "agents:view", ref, false);
    expectError(
      await call(t, people.member, "DELETE", agentsUrl(`/${agent.id}/shares/${world.teamId}`)),
      "NOT_FOUND",
    );
  });

  it("moving an agent to another scope needs the right to create it there", async () => {
    const { org, people } = world;
    const agent = await created(t, org.orgId, people.member, "/agents", {
      key: uniqueKey("move"),
      name: "Move",
    });
    const refused = expectError(
      await call(t, people.member, "PATCH", agentsUrl(`/${agent.id}`), { scope: "org" }),
      "FORBIDDEN",
    );
    expect(refused.message).toContain("Only admins create org-wide agents");
    const moved = await call(t, org.admin, "PATCH", agentsUrl(`/${agent.id}`), {
      scope: "team",
      teamId: world.teamId,
    });
    expectStatus(moved, 200);
    expect(moved.json()).toMatchObject({
      scope: "team",
      teamId: world.teamId,
      ownerUserId: people.member.userId,
    });
    const back = await call(t, org.admin, "PATCH", agentsUrl(`/${agent.id}`), { scope: "personal" });
    expectStatus(back, 200);
    expect(back.json()).toMatchObject({ scope: "personal", teamId: null });
  });

  it("deleting an agent removes its shares and its places in team spaces and projects, and is audited", async () => {
    const { org } = world;
    const agent = await newTeamAgent();
    expectStatus(
      await call(t, org.admin, "PUT", agentsUrl(`/${agent.id}/shares`), [
        { teamId: otherTeamId, level: "full" },
      ]),
      200,
    );
    const space = await created(t, org.orgId, org.admin, "/team-spaces", {
      key: uniqueKey("space"),
      name: "Space",
    });
    expectStatus(
      await call(t, org.admin, "POST", orgUrl(org.orgId, `/team-spaces/${space.id}/resources`), {
        resourceType: "agent",
        resourceId: agent.id,
      }),
      201,
    );
    await linkToProject(t, org.orgId, "agent", agent.id);
    expect(await linksTo(t, agent.id)).toBe(2);
    expectStatus(await call(t, org.admin, "DELETE", agentsUrl(`/${agent.id}`)), 204);
    expect(await linksTo(t, agent.id)).toBe(0);
    expectError(await call(t, org.admin, "GET", agentsUrl(`/${agent.id}`)), "NOT_FOUND");
    expect((await auditOf(t, agent.id)).map((e) => e.action)).toEqual([
      "agent.created",
      "agent.shared",
      "agent.deleted",
    ]);
    const [createdEvent, sharedEvent, deletedEvent] = await auditOf(t, agent.id);
    expect(createdEvent?.after).toMatchObject({ key: agent.key, scope: "team", teamId: world.teamId });
    expect(sharedEvent).toMatchObject({
      before: { shares: [] },
      after: { shares: [{ teamId: otherTeamId, level: "full" }] },
    });
    expect(deletedEvent?.before).toMatchObject({ key: agent.key });
  });
});
