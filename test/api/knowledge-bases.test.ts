import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import {
  assignPermissionSet,
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

describe("knowledge bases registry", () => {
  let t: TestApp;
  let world: RoleWorld;
  let publicKb: Json;
  let teamKb: Json;
  let memberKb: Json;

  const kbUrl = (rest = "") => orgUrl(world.org.orgId, `/knowledge-bases${rest}`);
  const newTeamKb = () =>
    created(t, world.org.orgId, world.org.admin, "/knowledge-bases", {
      key: uniqueKey("research_kb"),
      name: "Research notes",
      visibility: "team",
      teamId: world.teamId,
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    publicKb = await created(t, world.org.orgId, world.org.admin, "/knowledge-bases", {
      key: "public",
      name: "Company wiki",
      visibility: "public",
    });
    teamKb = await newTeamKb();
    memberKb = await created(t, world.org.orgId, world.people.member, "/knowledge-bases", {
      key: uniqueKey("mine"),
      name: "My research",
    });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /knowledge-bases is open to everyone in the org", async () => {
      expectAccess(await call(t, as(), "GET", kbUrl()), actor, IN_ORG, 200);
    });

    it("POST a personal knowledge base: every User (mixus: Build personal knowledge bases)", async () => {
      const response = await call(t, as(), "POST", kbUrl(), { key: uniqueKey("p"), name: "Mine" });
      expectAccess(response, actor, WORKERS, 201);
    });

    it("POST a public or team knowledge base: org admins (mixus: Manage knowledge bases)", async () => {
      const pub = await call(t, as(), "POST", kbUrl(), {
        key: uniqueKey("pub"),
        name: "All",
        visibility: "public",
      });
      expectAccess(pub, actor, ["admin"], 201);
      const team = await call(t, as(), "POST", kbUrl(), {
        key: uniqueKey("team"),
        name: "Ours",
        visibility: "team",
        teamId: world.teamId,
      });
      expectAccess(team, actor, ["admin"], 201);
    });

    it("GET: public ones for everyone, team ones for the team, personal ones for the owner", async () => {
      expectAccess(await call(t, as(), "GET", kbUrl(`/${publicKb.id}`)), actor, IN_ORG, 200);
      expectAccess(await call(t, as(), "GET", kbUrl(`/${teamKb.id}`)), actor, TEAM_READERS, 200);
      expectAccess(await call(t, as(), "GET", kbUrl(`/${memberKb.id}`)), actor, ["admin", "member"], 200);
    });

    it("PATCH a team knowledge base's name: its team's admins and owners; its visibility: org admins", async () => {
      expectAccess(
        await call(t, as(), "PATCH", kbUrl(`/${teamKb.id}`), { name: `Research notes (${actor})` }),
        actor,
        TEAM_MANAGERS,
        200,
      );
      const kb = await newTeamKb();
      expectAccess(
        await call(t, as(), "PATCH", kbUrl(`/${kb.id}`), { visibility: "public" }),
        actor,
        ["admin"],
        200,
      );
    });

    it("DELETE a team knowledge base: its team's admins and owners", async () => {
      const kb = await newTeamKb();
      expectAccess(await call(t, as(), "DELETE", kbUrl(`/${kb.id}`)), actor, TEAM_MANAGERS, 204);
    });
  });

  it("lists what each person may read; department knowledge bases reach that department", async () => {
    const { org, people } = world;
    const financePerson = await t.addMember(org, { role: "member", department: "Finance" });
    const financeKb = await created(t, org.orgId, org.admin, "/knowledge-bases", {
      key: "finance",
      name: "Finance handbook",
      visibility: "department",
      department: "finance",
    });
    const sees = async (who: typeof financePerson) =>
      new Set((await listAll(t, org.orgId, who, "/knowledge-bases", 2)).map((k) => k.id));
    const finance = await sees(financePerson);
    expect([finance.has(financeKb.id), finance.has(publicKb.id), finance.has(teamKb.id)]).toEqual([
      true,
      true,
      false,
    ]);
    const member = await sees(people.member);
    expect([member.has(financeKb.id), member.has(publicKb.id), member.has(memberKb.id)]).toEqual([
      false,
      true,
      true,
    ]);
    const admin = await sees(org.admin);
    expect([admin.has(financeKb.id), admin.has(teamKb.id), admin.has(memberKb.id)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("feeds the decision engine, together with a permission set's knowledge_base_access", async () => {
    const { org } = world;
    const marketer = await t.addMember(org, { role: "member", department: "marketing" });
    const marketingKb = await created(t, org.orgId, org.admin, "/knowledge-bases", {
      key: "marketing",
      name: "Marketing playbooks",
      visibility: "department",
      department: "Marketing",
    });
    const executiveKb = await created(t, org.orgId, org.admin, "/knowledge-bases", {
      key: "executive",
      name: "Board papers",
      visibility: "department",
      department: "executive",
    });
    await expectDecision(
      t,
      org.orgId,
      marketer.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", key: "marketing" },
      true,
    );
    await expectDecision(
      t,
      org.orgId,
      marketer.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", key: "executive" },
      false,
    );
    // The seed's finance_team: knowledge_base_access ["finance", "executive"].
    const analyst = await t.addMember(org, { role: "member" });
    await assignPermissionSet(t, org.orgId, analyst.userId, {
      knowledge_base_access: ["finance", "executive"],
    });
    await expectDecision(
      t,
      org.orgId,
      analyst.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", id: executiveKb.id },
      true,
    );
    await expectDecision(
      t,
      org.orgId,
      analyst.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", id: marketingKb.id },
      false,
    );
    expectStatus(await call(t, analyst, "GET", kbUrl(`/${executiveKb.id}`)), 200);
    expectError(await call(t, analyst, "GET", kbUrl(`/${marketingKb.id}`)), "FORBIDDEN");
    // Re-keying is seen at once by checks that name it by key.
    expectStatus(
      await call(t, org.admin, "PATCH", kbUrl(`/${marketingKb.id}`), { key: "marketing_v2" }),
      200,
    );
    await expectDecision(
      t,
      org.orgId,
      marketer.userId,
      "knowledge-bases:read",
      { type: "knowledge_base", key: "marketing_v2" },
      true,
    );
  });

  it("deleting removes its team-space and project links, and is audited", async () => {
    const { org } = world;
    const kb = await newTeamKb();
    const space = await created(t, org.orgId, org.admin, "/team-spaces", { key: uniqueKey("s"), name: "S" });
    expectStatus(
      await call(t, org.admin, "POST", orgUrl(org.orgId, `/team-spaces/${space.id}/resources`), {
        resourceType: "knowledge_base",
        resourceId: kb.id,
      }),
      201,
    );
    await linkToProject(t, org.orgId, "knowledge_base", kb.id);
    expect(await linksTo(t, kb.id)).toBe(2);
    expectStatus(await call(t, org.admin, "DELETE", kbUrl(`/${kb.id}`)), 204);
    expect(await linksTo(t, kb.id)).toBe(0);
    expect((await auditOf(t, kb.id)).map((e) => e.action)).toEqual([
      "knowledge_base.created",
      "knowledge_base.deleted",
    ]);
  });

  it("refuses invalid input: visibility without its department or team, stray fields, taken keys", async () => {
    const { org, other } = world;
    const post = (body: Record<string, unknown>) =>
      call(t, org.admin, "POST", kbUrl(), { key: uniqueKey(), name: "x", ...body });
    expectError(await post({ visibility: "department" }), "VALIDATION_FAILED");
    expectError(await post({ visibility: "team" }), "VALIDATION_FAILED");
    expectError(await post({ visibility: "public", department: "sales" }), "VALIDATION_FAILED");
    expectError(
      await post({ visibility: "department", department: "sales", teamId: world.teamId }),
      "VALIDATION_FAILED",
    );
    expectError(await post({ visibility: "team", teamId: UNKNOWN_ID }), "NOT_FOUND");
    expectError(await post({ visibility: "secret" }), "VALIDATION_FAILED");
    expectError(await post({ key: "no spaces please" }), "VALIDATION_FAILED");
    expectError(await post({ owner: "x" }), "VALIDATION_FAILED");
    const taken = expectError(await post({ key: "PUBLIC" }), "KEY_TAKEN");
    expect(taken.message).toContain("knowledge base with this key");
    expectError(
      await call(t, org.admin, "PATCH", kbUrl(`/${teamKb.id}`), { visibility: "department" }),
      "VALIDATION_FAILED",
    );
    const theirs = await created(t, other.orgId, other.admin, "/knowledge-bases", {
      key: "theirs",
      name: "Theirs",
      visibility: "public",
    });
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      expectError(
        await call(t, org.admin, method, kbUrl(`/${theirs.id}`), method === "PATCH" ? {} : undefined),
        "NOT_FOUND",
      );
    }
    expectError(
      await call(t, other.admin, "GET", orgUrl(other.orgId, `/knowledge-bases/${publicKb.id}`)),
      "NOT_FOUND",
    );
  });
});
