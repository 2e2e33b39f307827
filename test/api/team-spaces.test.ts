import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type TestApp } from "../harness/app.js";
import {
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
const TEAM_READERS: Actor[] = ["admin", "teamOwner", "teamAdmin", "teamMember"];

describe("team spaces registry", () => {
  let t: TestApp;
  let world: RoleWorld;
  let researchSpace: Json;

  const spacesUrl = (rest = "") => orgUrl(world.org.orgId, `/team-spaces${rest}`);
  const newSpace = () =>
    created(t, world.org.orgId, world.org.admin, "/team-spaces", { key: uniqueKey("space"), name: "Space" });
  const addResources = async (spaceId: string, resources: readonly (readonly [string, string])[]) => {
    for (const [resourceType, resourceId] of resources) {
      const response = await call(t, world.org.admin, "POST", spacesUrl(`/${spaceId}/resources`), {
        resourceType,
        resourceId,
      });
      expectStatus(response, 201);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    researchSpace = await created(t, world.org.orgId, world.org.admin, "/team-spaces", {
      key: "research_space",
      name: "Research Space",
      description: "Papers and bots",
    });
    expectStatus(
      await call(t, world.org.admin, "PUT", spacesUrl(`/${researchSpace.id}/access`), [
        { teamId: world.teamId, level: "full" },
      ]),
      200,
    );
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /team-spaces is open to everyone in the org (each sees what their teams reach)", async () => {
      expectAccess(await call(t, as(), "GET", spacesUrl()), actor, IN_ORG, 200);
    });

    it("GET /team-spaces/:id is for admins and the teams with access", async () => {
      expectAccess(await call(t, as(), "GET", spacesUrl(`/${researchSpace.id}`)), actor, TEAM_READERS, 200);
    });

    it("POST, PATCH and DELETE /team-spaces are for admins (Configure organization-wide policies)", async () => {
      expectAccess(
        await call(t, as(), "POST", spacesUrl(), { key: uniqueKey("new"), name: "New" }),
        actor,
        ["admin"],
        201,
      );
      const space = await newSpace();
      expectAccess(
        await call(t, as(), "PATCH", spacesUrl(`/${space.id}`), { name: "Renamed" }),
        actor,
        ["admin"],
        200,
      );
      expectAccess(await call(t, as(), "DELETE", spacesUrl(`/${space.id}`)), actor, ["admin"], 204);
    });

    it("PUT /team-spaces/:id/access and the resource routes are for admins", async () => {
      const space = await newSpace();
      expectAccess(
        await call(t, as(), "PUT", spacesUrl(`/${space.id}/access`), [
          { teamId: world.teamId, level: "view" },
        ]),
        actor,
        ["admin"],
        200,
      );
      expectAccess(
        await call(t, as(), "POST", spacesUrl(`/${space.id}/resources`), {
          resourceType: "file",
          resourceId: "file-brand-guidelines",
        }),
        actor,
        ["admin"],
        201,
      );
      expectStatus(
        await call(t, world.org.admin, "POST", spacesUrl(`/${space.id}/resources`), {
          resourceType: "conversation",
          resourceId: "chat-42",
        }),
        201,
      );
      expectAccess(
        await call(t, as(), "DELETE", spacesUrl(`/${space.id}/resources/conversation/chat-42`)),
        actor,
        ["admin"],
        204,
      );
    });
  });

  it("the seed's Marketing Team Space: Marketing full, Leadership view, other departments none", async () => {
    const { org } = world;
    const [marketing, leadership] = [
      await createTeam(t, org, "Marketing"),
      await createTeam(t, org, "Leadership"),
    ];
    const inTeam = (teamId: string): Promise<MemberFixture> =>
      t.addMember(org, { role: "member", teamId, teamRole: "member" });
    const marketer = await inTeam(marketing);
    const leader = await inTeam(leadership);
    const outsider = world.people.member;
    const contentCreator = await created(t, org.orgId, org.admin, "/agents", {
      key: "content_creator",
      name: "Content Creator",
    });
    const playbooks = await created(t, org.orgId, org.admin, "/knowledge-bases", {
      key: "marketing_playbooks",
      name: "Marketing playbooks",
      visibility: "personal",
    });
    const space = await created(t, org.orgId, org.admin, "/team-spaces", {
      key: "marketing",
      name: "Marketing Team Space",
    });
    const access = await call(t, org.admin, "PUT", spacesUrl(`/${space.id}/access`), {
      items: [
        { teamId: marketing, level: "full" },
        { teamId: leadership, level: "view" },
        { teamId: world.teamId, level: "none" },
      ],
    });
    expectStatus(access, 200);
    await addResources(space.id, [
      ["agent", contentCreator.id],
      ["knowledge_base", playbooks.id],
      ["file", "brand-guidelines.pdf"],
      ["conversation", "strategy-chat"],
    ]);
    const detail = await call(t, leader, "GET", spacesUrl(`/${space.id}`));
    expectStatus(detail, 200);
    expect(detail.json().access).toEqual([
      { teamId: leadership, teamName: "Leadership", level: "view", resources: null },
      { teamId: marketing, teamName: "Marketing", level: "full", resources: null },
      { teamId: world.teamId, teamName: "Research", level: "none", resources: null },
    ]);
    expect(detail.json().resources).toHaveLength(4);

    const spaceRef = { type: "team_space", key: "marketing" };
    const agent = { type: "agent", key: "content_creator" };
    const chat = { type: "conversation", id: "strategy-chat" };
    await expectDecision(t, org.orgId, marketer.userId, "team-spaces:join", spaceRef, true);
    await expectDecision(t, org.orgId, marketer.userId, "agents:run", agent, true);
    await expectDecision(t, org.orgId, marketer.userId, "agents:edit", agent, false);
    await expectDecision(t, org.orgId, marketer.userId, "conversations:participate", chat, true);
    await expectDecision(t, org.orgId, leader.userId, "team-spaces:view", spaceRef, true);
    await expectDecision(t, org.orgId, leader.userId, "team-spaces:join", spaceRef, false);
    await expectDecision(t, org.orgId, leader.userId, "agents:view", agent, true);
    await expectDecision(t, org.orgId, leader.userId, "agents:run", agent, false);
    await expectDecision(t, org.orgId, leader.userId, "conversations:view", chat, true);
    await expectDecision(t, org.orgId, leader.userId, "conversations:participate", chat, false);
    await expectDecision(
      t,
      org.orgId,
      leader.userId,
      "files:view",
      { type: "file", id: "brand-guidelines.pdf" },
      true,
    );
    await expectDecision(
      t,
      org.orgId,
      leader.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", id: playbooks.id },
      true,
    );
    for (const [action, resource] of [
      ["team-spaces:view", spaceRef],
      ["agents:view", agent],
      ["conversations:view", chat],
      ["knowledge-bases:read", { type: "knowledge_base", id: playbooks.id }],
    ] as const) {
      await expectDecision(t, org.orgId, outsider.userId, action, resource, false);
      await expectDecision(t, org.orgId, world.people.teamMember.userId, action, resource, false);
    }
    const listed = async (who: MemberFixture) =>
      (await listAll(t, org.orgId, who, "/team-spaces")).map((s) => s.id);
    expect(await listed(marketer)).toContain(space.id);
    expect(await listed(leader)).toContain(space.id);
    expect(await listed(outsider)).not.toContain(space.id);
    expect(await listed(world.people.teamMember)).not.toContain(space.id);
    expect(await listed(org.admin)).toEqual(expect.arrayContaining([space.id, researchSpace.id]));

    // Taking the agent out ends what the space gave; deleting the space ends the rest.
    expectStatus(
      await call(t, org.admin, "DELETE", spacesUrl(`/${space.id}/resources/agent/${contentCreator.id}`)),
      204,
    );
    await expectDecision(t, org.orgId, marketer.userId, "agents:run", agent, false);
    expectStatus(await call(t, org.admin, "DELETE", spacesUrl(`/${space.id}`)), 204);
    await expectDecision(t, org.orgId, leader.userId, "conversations:view", chat, false);
    expect((await auditOf(t, space.id)).map((e) => e.action)).toEqual([
      "team_space.created",
      "team_space.access_set",
      "team_space.resource_added",
      "team_space.resource_added",
      "team_space.resource_added",
      "team_space.resource_added",
      "team_space.resource_removed",
      "team_space.deleted",
    ]);
  });

  it('the seed\'s "Related teams: Specific resource access": a team reaches only the resources listed for it', async () => {
    const { org } = world;
    const [marketing, sales] = [
      await createTeam(t, org, uniqueKey("Marketing")),
      await createTeam(t, org, uniqueKey("Sales")),
    ];
    const seller = await t.addMember(org, { role: "member", teamId: sales, teamRole: "member" });
    const contentCreator = await created(t, org.orgId, org.admin, "/agents", {
      key: uniqueKey("content_creator"),
      name: "Content Creator",
    });
    const socialManager = await created(t, org.orgId, org.admin, "/agents", {
      key: uniqueKey("social_media_manager"),
      name: "Social Media Manager",
    });
    const space = await created(t, org.orgId, org.admin, "/team-spaces", {
      key: uniqueKey("marketing"),
      name: "Marketing Team Space",
    });
    await addResources(space.id, [
      ["agent", contentCreator.id],
      ["agent", socialManager.id],
      ["file", "brand-guidelines.pdf"],
      ["conversation", "strategy-chat"],
    ]);
    const creatorRef = { resourceType: "agent", resourceId: contentCreator.id };
    const guidelinesRef = { resourceType: "file", resourceId: "brand-guidelines.pdf" };
    const put = (access: unknown) => call(t, org.admin, "PUT", spacesUrl(`/${space.id}/access`), access);

    // A resource must be in the space, and a team with no access has none listed.
    const notInSpace = expectError(
      await put([
        { teamId: sales, level: "full", resources: [{ resourceType: "agent", resourceId: UNKNOWN_ID }] },
      ]),
      "VALIDATION_FAILED",
    );
    expect(notInSpace.message).toContain(`Not in the Marketing Team Space: agent:${UNKNOWN_ID}`);
    expect(notInSpace.message).toContain("add them to the space first");
    expect(
      expectError(await put([{ teamId: sales, level: "none", resources: [creatorRef] }]), "VALIDATION_FAILED")
        .message,
    ).toContain("give it view or full access to the listed resources");

    const saved = await put([
      { teamId: marketing, level: "full" },
      { teamId: sales, level: "full", resources: [creatorRef, guidelinesRef, creatorRef] },
    ]);
    expectStatus(saved, 200);
    expect(saved.json().access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ teamId: marketing, level: "full", resources: null }),
        expect.objectContaining({ teamId: sales, level: "full", resources: [creatorRef, guidelinesRef] }),
      ]),
    );

    const creator = { type: "agent", id: contentCreator.id };
    const run = await expectDecision(t, org.orgId, seller.userId, "agents:run", creator, true);
    expect(run.via).toEqual([
      expect.objectContaining({ type: "team_space", teamId: sales, level: "full", reach: "resources" }),
    ]);
    expect(run.reason.message).toContain("full access to the resources listed for the team");
    for (const [action, resource, allowed] of [
      ["agents:edit", creator, false],
      ["agents:run", { type: "agent", id: socialManager.id }, false],
      ["files:view", { type: "file", id: "brand-guidelines.pdf" }, true],
      ["conversations:view", { type: "conversation", id: "strategy-chat" }, false],
    ] as const)
      await expectDecision(t, org.orgId, seller.userId, action, resource, allowed);
    const spaceRef = { type: "team_space", id: space.id };
    const refused = await expectDecision(t, org.orgId, seller.userId, "team-spaces:view", spaceRef, false);
    expect(refused.reason.message).toContain("access only to some resources of the Marketing Team Space");
    expect((await listAll(t, org.orgId, seller, "/team-spaces")).map((s) => s.id)).not.toContain(space.id);
    const report = await call(t, org.admin, "GET", orgUrl(org.orgId, `/members/${seller.userId}/access`));
    expectStatus(report, 200);
    expect(report.json().agents.map((a: Json) => a.id)).toEqual([contentCreator.id]);
    // The files and chats the space holds: the listed file for Sales, all of them for Marketing.
    expect(report.json().files).toEqual([
      {
        type: "file",
        id: "brand-guidelines.pdf",
        actions: ["files:view", "files:analyze"],
        via: [expect.objectContaining({ type: "team_space", teamId: sales, reach: "resources" })],
      },
    ]);
    const marketer = await t.addMember(org, { role: "member", teamId: marketing, teamRole: "member" });
    const theirs = await call(t, org.admin, "GET", orgUrl(org.orgId, `/members/${marketer.userId}/access`));
    expect(
      theirs
        .json()
        .files.map((f: { type: string; id: string; actions: string[]; via: Json[] }) => [
          f.type,
          f.id,
          f.actions,
          f.via[0]?.type,
          f.via[0]?.reach,
        ]),
    ).toEqual([
      ["file", "brand-guidelines.pdf", ["files:view", "files:analyze"], "team_space", undefined],
      [
        "conversation",
        "strategy-chat",
        ["conversations:view", "conversations:participate"],
        "team_space",
        undefined,
      ],
    ]);

    // A listed resource taken out of the space leaves the team's list, and its access ends.
    expectStatus(
      await call(t, org.admin, "DELETE", spacesUrl(`/${space.id}/resources/agent/${contentCreator.id}`)),
      204,
    );
    await expectDecision(t, org.orgId, seller.userId, "agents:run", creator, false);
    const after = await call(t, org.admin, "GET", spacesUrl(`/${space.id}`));
    expect(after.json().access).toEqual(
      expect.arrayContaining([expect.objectContaining({ teamId: sales, resources: [guidelinesRef] })]),
    );
    const audit = await auditOf(t, space.id);
    expect(audit.find((e) => e.action === "team_space.access_set")?.after).toEqual({
      key: space.key,
      access: expect.arrayContaining([
        {
          teamId: sales,
          level: "full",
          resources: [`agent:${contentCreator.id}`, "file:brand-guidelines.pdf"],
        },
      ]),
    });
  });

  it("adding a resource twice changes nothing; Gatehouse resources must exist in this org", async () => {
    const { org, other } = world;
    const space = await newSpace();
    const add = (body: unknown) => call(t, org.admin, "POST", spacesUrl(`/${space.id}/resources`), body);
    const first = await add({ resourceType: "file", resourceId: "deck.pptx" });
    expectStatus(first, 201);
    expect(first.json()).toEqual({ resourceType: "file", resourceId: "deck.pptx", added: true });
    const again = await add({ resourceType: "file", resourceId: "deck.pptx" });
    expectStatus(again, 200);
    expect(again.json().added).toBe(false);
    expectError(await add({ resourceType: "agent", resourceId: UNKNOWN_ID }), "NOT_FOUND");
    expectError(await add({ resourceType: "integration", resourceId: "salesforce" }), "NOT_FOUND");
    const theirAgent = await created(t, other.orgId, other.admin, "/agents", {
      key: uniqueKey(),
      name: "Theirs",
    });
    expectError(await add({ resourceType: "agent", resourceId: theirAgent.id }), "NOT_FOUND");
    expectError(await add({ resourceType: "model", resourceId: "gpt-4" }), "VALIDATION_FAILED");
    expectError(await add({ resourceType: "file", resourceId: "" }), "VALIDATION_FAILED");
    expectError(await add({ resourceType: "file", resourceId: "x", note: "y" }), "VALIDATION_FAILED");
    expectError(
      await call(t, org.admin, "DELETE", spacesUrl(`/${space.id}/resources/file/missing.pdf`)),
      "NOT_FOUND",
    );
    expectError(
      await call(t, org.admin, "DELETE", spacesUrl(`/${space.id}/resources/model/gpt-4`)),
      "VALIDATION_FAILED",
    );
  });

  it("refuses invalid access lists, taken keys and other orgs' spaces and teams", async () => {
    const { org, other } = world;
    const space = await newSpace();
    const put = (body: unknown) => call(t, org.admin, "PUT", spacesUrl(`/${space.id}/access`), body);
    // The body is a list or {items: [...]}: the error is about the list it was meant to be.
    expect(
      expectError(await put([{ teamId: world.teamId, level: "admin" }]), "VALIDATION_FAILED").message,
    ).toBe(
      "The request is not valid (body.0.level: must be one of: none, view, full). Fix the field and try again.",
    );
    expect(expectError(await put({ access: [] }), "VALIDATION_FAILED").message).toBe(
      "The request is not valid (body.items: is required; body: unknown field(s): access). Fix the fields and try again.",
    );
    expectError(
      await put([
        { teamId: world.teamId, level: "full" },
        { teamId: world.teamId, level: "view" },
      ]),
      "VALIDATION_FAILED",
    );
    expectError(await put([{ teamId: UNKNOWN_ID, level: "full" }]), "NOT_FOUND");
    expectError(await put([{ teamId: await createTeam(t, other, "Outside"), level: "full" }]), "NOT_FOUND");
    const cleared = await put([]);
    expectStatus(cleared, 200);
    expect(cleared.json().access).toEqual([]);
    const taken = expectError(
      await call(t, org.admin, "POST", spacesUrl(), { key: "Research_Space", name: "Again" }),
      "KEY_TAKEN",
    );
    expect(taken.message).toContain("team space with this key");
    expectError(
      await call(t, org.admin, "POST", spacesUrl(), { key: "x y", name: "x" }),
      "VALIDATION_FAILED",
    );
    expectError(
      await call(t, org.admin, "PATCH", spacesUrl(`/${space.id}`), { access: [] }),
      "VALIDATION_FAILED",
    );
    const theirs = await created(t, other.orgId, other.admin, "/team-spaces", {
      key: "theirs",
      name: "Theirs",
    });
    for (const [method, path, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { name: "x" }],
      ["DELETE", "", undefined],
      ["PUT", "/access", []],
      ["POST", "/resources", { resourceType: "file", resourceId: "f" }],
    ] as const) {
      expectError(await call(t, org.admin, method, spacesUrl(`/${theirs.id}${path}`), body), "NOT_FOUND");
    }
    expectError(
      await call(t, other.admin, "GET", orgUrl(other.orgId, `/team-spaces/${researchSpace.id}`)),
      "NOT_FOUND",
    );
  });
});
