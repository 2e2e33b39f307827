import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  check,
  expectAllowed,
  expectDenied,
  insertAgents,
  insertIntegrations,
  insertKnowledgeBases,
  jsonOf,
  projectsUrl,
  send,
} from "../harness/access.js";
import { createTeam, expectError, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

type ProjectJson = {
  id: string;
  name: string;
  description: string | null;
  status: "scheduled" | "active" | "ended" | "expired";
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  remainingSeconds: number;
  remaining: string;
  members: { type: string; ref: string; name: string | null }[];
  resources: { type: string; id: string; key: string | null; name: string | null }[];
  createdBy: string | null;
};
type Page<T> = { items: T[]; nextCursor: string | null };

const ORG_USERS: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];
const IN_PROJECT: Actor[] = ["admin", "teamOwner", "teamAdmin", "teamMember"];
const DAY = 24 * 60 * 60 * 1000;

describe("projects", () => {
  let t: TestApp;
  let world: RoleWorld;
  let worldProject: ProjectJson;

  const createProject = (
    org: OrgFixture,
    body: Record<string, unknown> = {},
    as: MemberFixture = org.admin,
  ) => send(t, as, "POST", projectsUrl(org.orgId), { name: "Project Alpha", duration: "6 months", ...body });
  const newProject = async (org: OrgFixture, body: Record<string, unknown> = {}) =>
    jsonOf<ProjectJson>(await createProject(org, body), 201);

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    worldProject = await newProject(world.org, { members: [{ type: "team", ref: world.teamId }] });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);
    const request = (method: "GET" | "POST" | "PATCH" | "DELETE", rest: string, body?: unknown) =>
      t.request({
        method,
        url: projectsUrl(world.org.orgId, rest),
        cookie: as(),
        ...(body !== undefined && { body }),
      });

    it("GET /projects is for every member of the org (each sees their own)", async () => {
      expectAccess(await request("GET", ""), actor, ORG_USERS, 200);
    });

    it("POST /projects is for admins only", async () => {
      expectAccess(
        await request("POST", "", { name: `By ${actor}`, duration: "2 weeks" }),
        actor,
        ["admin"],
        201,
      );
    });

    it("GET /projects/:projectId is for admins and the project's members", async () => {
      expectAccess(await request("GET", `/${worldProject.id}`), actor, IN_PROJECT, 200);
    });

    it("PATCH /projects/:projectId is for admins only", async () => {
      const response = await request("PATCH", `/${worldProject.id}`, { description: `touched by ${actor}` });
      expectAccess(response, actor, ["admin"], 200);
    });

    it("DELETE /projects/:projectId is for admins only", async () => {
      const project = await newProject(world.org);
      expectAccess(await request("DELETE", `/${project.id}`), actor, ["admin"], 204);
    });

    it("POST /projects/:projectId/extend is for admins only", async () => {
      const response = await request("POST", `/${worldProject.id}/extend`, { duration: "1 day" });
      expectAccess(response, actor, ["admin"], 200);
    });

    it("POST /projects/:projectId/end is for admins only", async () => {
      const project = await newProject(world.org);
      expectAccess(await request("POST", `/${project.id}/end`), actor, ["admin"], 200);
    });
  });

  it("creates the seed's Project Alpha: departments, agents and integrations by key, files by id, 6 months", async () => {
    const org = await t.setupOrg();
    const [dev, reviewer] = await insertAgents(t, org.orgId, org.admin.userId, [
      { key: "development-assistant", name: "Development Assistant" },
      { key: "code-reviewer", name: "Code Reviewer" },
    ]);
    const integrations = await insertIntegrations(t, org.orgId, ["github", "slack", "figma"]);
    const project = await newProject(org, {
      description: "Engineering + Product + Design",
      duration: "6 months",
      members: [
        { type: "department", ref: "Engineering" },
        { type: "department", ref: "product" },
        { type: "department", ref: "Design" },
      ],
      resources: [
        { type: "agent", key: "development-assistant" },
        { type: "agent", id: reviewer?.id },
        { type: "integration", key: "github" },
        { type: "integration", key: "slack" },
        { type: "integration", key: "figma" },
        { type: "file", id: "project-docs" },
        { type: "file", id: "specs" },
        { type: "file", id: "designs" },
      ],
    });
    const now = t.clock.now();
    expect(project).toMatchObject({
      name: "Project Alpha",
      description: "Engineering + Product + Design",
      status: "active",
      startsAt: now.toISOString(),
      endsAt: "2026-07-15T09:00:00.000Z",
      endedAt: null,
      remaining: "6 months",
      createdBy: org.admin.userId,
    });
    expect(project.remainingSeconds).toBe((Date.parse(project.endsAt) - now.getTime()) / 1000);
    expect(project.members).toEqual([
      { type: "department", ref: "design", name: "design" },
      { type: "department", ref: "engineering", name: "engineering" },
      { type: "department", ref: "product", name: "product" },
    ]);
    expect(project.resources).toHaveLength(8);
    expect(project.resources).toContainEqual({
      type: "agent",
      id: dev?.id,
      key: "development-assistant",
      name: "Development Assistant",
    });
    expect(project.resources).toContainEqual({
      type: "integration",
      id: integrations[0]?.id,
      key: "github",
      name: "github",
    });
    expect(project.resources).toContainEqual({ type: "file", id: "specs", key: null, name: null });
    const fetched = jsonOf<ProjectJson>(
      await send(t, org.admin, "GET", projectsUrl(org.orgId, `/${project.id}`)),
    );
    expect(fetched).toEqual(project);
  });

  it("takes an end date instead of a duration, and a start in the past", async () => {
    const org = await t.setupOrg();
    const byDate = await newProject(org, { duration: undefined, endsAt: "2026-03-01T00:00:00+01:00" });
    expect(byDate.endsAt).toBe("2026-02-28T23:00:00.000Z");
    const backdated = await newProject(org, { startsAt: "2026-01-01T00:00:00Z", duration: "90 days" });
    expect(backdated).toMatchObject({
      startsAt: "2026-01-01T00:00:00.000Z",
      endsAt: "2026-04-01T00:00:00.000Z",
    });
  });

  it("refuses nonsense durations and dates with a clear message", async () => {
    const org = await t.setupOrg();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ duration: "6 fortnights" }, /not a duration Gatehouse understands.*"6 months"/],
      [{ duration: "0 days" }, /at least 1 day/],
      [{ duration: "six months" }, /whole number/],
      [{ duration: "6 months", endsAt: "2026-09-01T00:00:00Z" }, /not both/],
      [{ duration: undefined }, /not neither/],
      [{ duration: undefined, endsAt: "2025-12-01T00:00:00Z" }, /later/],
      [{ duration: undefined, endsAt: "next tuesday" }, /ISO 8601/],
      [{ duration: "6 years" }, /at most 5 years/],
      [{ startsAt: "2025-01-01T00:00:00Z", duration: "2 weeks" }, /later/],
      [{ name: "" }, /name/],
      [{ members: [{ type: "group", ref: "x" }] }, /members/],
      [{ resources: [{ type: "agent", id: "a", key: "b" }] }, /id or by its key, not both/],
      [{ resources: [{ type: "file", key: "b" }] }, /by its id/],
      [{ colour: "blue" }, /unknown field\(s\): colour/],
    ];
    for (const [body, message] of cases) {
      const error = expectError(await createProject(org, body), "VALIDATION_FAILED");
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
    const list = jsonOf<Page<ProjectJson>>(await send(t, org.admin, "GET", projectsUrl(org.orgId)));
    expect(list.items).toEqual([]);
  });

  it("refuses members and resources that are not of the org (404), and writes nothing", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    const theirTeam = await createTeam(t, other, "Theirs");
    const [theirAgent] = await insertAgents(t, other.orgId, other.admin.userId, [
      { key: "their-bot", name: "Bot" },
    ]);
    // Another org's team by its name is not found either.
    const byName = expectError(
      await createProject(org, { members: [{ type: "team", ref: "Theirs" }] }),
      "NOT_FOUND",
    );
    expect(byName.message).toContain("Name a team by its id or its name");
    for (const body of [
      { members: [{ type: "team", ref: theirTeam }] },
      { members: [{ type: "user", ref: other.admin.userId }] },
      { resources: [{ type: "agent", id: theirAgent?.id }] },
      { resources: [{ type: "agent", key: "their-bot" }] },
      { resources: [{ type: "knowledge_base", key: "nowhere" }] },
    ]) {
      expectError(await createProject(org, body), "NOT_FOUND");
    }
    expect(jsonOf<Page<ProjectJson>>(await send(t, org.admin, "GET", projectsUrl(org.orgId))).items).toEqual(
      [],
    );
  });

  it("answers 404 for another org's project, whichever org's URL is used", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    const theirs = await newProject(other);
    for (const [method, rest, body] of [
      ["GET", `/${theirs.id}`, undefined],
      ["PATCH", `/${theirs.id}`, { name: "Mine" }],
      ["DELETE", `/${theirs.id}`, undefined],
      ["POST", `/${theirs.id}/extend`, { duration: "1 week" }],
      ["POST", `/${theirs.id}/end`, undefined],
      ["GET", `/${UNKNOWN_ID}`, undefined],
    ] as const) {
      expectError(await send(t, org.admin, method, projectsUrl(org.orgId, rest), body), "NOT_FOUND");
    }
    const still = jsonOf<ProjectJson>(
      await send(t, other.admin, "GET", projectsUrl(other.orgId, `/${theirs.id}`)),
    );
    expect(still).toMatchObject({ name: theirs.name, status: "active" });
  });

  it("members see the projects they are in (in person, by team or by department); admins see all", async () => {
    const org = await t.setupOrg();
    const teamId = await createTeam(t, org, "Platform");
    const engineer = await t.addMember(org, { role: "member", department: "Engineering" });
    const platform = await t.addMember(org, { role: "member", teamId });
    const named = await t.addMember(org, { role: "viewer" });
    const stranger = await t.addMember(org, { role: "member", department: "sales" });
    const byDepartment = await newProject(org, {
      name: "A",
      members: [{ type: "department", ref: "engineering" }],
    });
    // A team by its name (as the sharing document names teams), in any case: kept as the team's id.
    const byTeam = await newProject(org, {
      name: "B",
      members: [
        { type: "team", ref: " platform" },
        { type: "team", ref: teamId },
      ],
    });
    expect(byTeam.members).toEqual([{ type: "team", ref: teamId, name: "Platform" }]);
    const byPerson = await newProject(org, { name: "C", members: [{ type: "user", ref: named.userId }] });
    const names = async (as: MemberFixture) =>
      jsonOf<Page<ProjectJson>>(await send(t, as, "GET", projectsUrl(org.orgId))).items.map((p) => p.name);
    expect(await names(org.admin)).toEqual(["A", "B", "C"]);
    expect(await names(engineer)).toEqual(["A"]);
    expect(await names(platform)).toEqual(["B"]);
    expect(await names(named)).toEqual(["C"]);
    expect(await names(stranger)).toEqual([]);
    expect(
      jsonOf<ProjectJson>(await send(t, named, "GET", projectsUrl(org.orgId, `/${byPerson.id}`))).name,
    ).toBe("C");
    expectError(await send(t, stranger, "GET", projectsUrl(org.orgId, `/${byDepartment.id}`)), "FORBIDDEN");
    expectError(await send(t, engineer, "GET", projectsUrl(org.orgId, `/${byTeam.id}`)), "FORBIDDEN");
  });

  it("lists in pages and by status", async () => {
    const org = await t.setupOrg();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await newProject(org, { name: `P${i}` })).id);
    await send(t, org.admin, "POST", projectsUrl(org.orgId, `/${ids[1]}/end`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page: Page<ProjectJson> = jsonOf(await send(t, org.admin, "GET", projectsUrl(org.orgId, query)));
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(ids);
    const ended = jsonOf<Page<ProjectJson>>(
      await send(t, org.admin, "GET", projectsUrl(org.orgId, "?status=ended")),
    );
    expect(ended.items.map((p) => p.id)).toEqual([ids[1]]);
    const active = jsonOf<Page<ProjectJson>>(
      await send(t, org.admin, "GET", projectsUrl(org.orgId, "?status=active")),
    );
    expect(active.items).toHaveLength(4);
    expectError(
      await send(t, org.admin, "GET", projectsUrl(org.orgId, "?status=paused")),
      "VALIDATION_FAILED",
    );
  });

  it("PATCH replaces members and resources, and the engine follows at the next check", async () => {
    const org = await t.setupOrg();
    const [bot] = await insertAgents(t, org.orgId, org.admin.userId, [{ key: "bot", name: "Bot" }]);
    await insertKnowledgeBases(t, org.orgId, [{ key: "specs-kb", visibility: "personal" }]);
    const designer = await t.addMember(org, { role: "member", department: "design" });
    const project = await newProject(org, { resources: [{ type: "agent", key: "bot" }] });
    const run = () => check(t, org.orgId, designer, "agents:run", { type: "agent", id: bot?.id });
    expectDenied(await run(), "NO_ACCESS");
    const patched = jsonOf<ProjectJson>(
      await send(t, org.admin, "PATCH", projectsUrl(org.orgId, `/${project.id}`), {
        name: "Project Alpha (v2)",
        members: [{ type: "department", ref: "Design" }],
        resources: [
          { type: "agent", key: "bot" },
          { type: "knowledge_base", key: "specs-kb" },
        ],
      }),
    );
    expect(patched).toMatchObject({
      name: "Project Alpha (v2)",
      members: [{ type: "department", ref: "design" }],
    });
    expectAllowed(await run());
    expectAllowed(
      await check(t, org.orgId, designer, "knowledge-bases:read", {
        type: "knowledge_base",
        key: "specs-kb",
      }),
    );
    await send(t, org.admin, "PATCH", projectsUrl(org.orgId, `/${project.id}`), { members: [] });
    expectDenied(await run(), "NO_ACCESS");
    expectError(
      await send(t, org.admin, "PATCH", projectsUrl(org.orgId, `/${project.id}`), {}),
      "VALIDATION_FAILED",
    );
  });

  it("DELETE takes the project's access away and records it", async () => {
    const org = await t.setupOrg();
    const [bot] = await insertAgents(t, org.orgId, org.admin.userId, [{ key: "bot", name: "Bot" }]);
    const person = await t.addMember(org, { role: "member" });
    const project = await newProject(org, {
      members: [{ type: "user", ref: person.userId }],
      resources: [{ type: "agent", key: "bot" }],
    });
    expectAllowed(await check(t, org.orgId, person, "agents:run", { type: "agent", id: bot?.id }));
    expect((await send(t, org.admin, "DELETE", projectsUrl(org.orgId, `/${project.id}`))).statusCode).toBe(
      204,
    );
    expectDenied(await check(t, org.orgId, person, "agents:run", { type: "agent", id: bot?.id }));
    expectError(await send(t, org.admin, "GET", projectsUrl(org.orgId, `/${project.id}`)), "NOT_FOUND");
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "before", "after"])
      .where("target_id", "=", project.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["project.created", "project.deleted"]);
    expect(JSON.parse(events[1]?.before ?? "null")).toMatchObject({
      name: "Project Alpha",
      members: [{ type: "user", ref: person.userId }],
    });
  });
});

describe("Project Alpha over time (the engine compares the time at each check)", () => {
  let t: TestApp;
  let org: OrgFixture;
  let engineer: MemberFixture;
  let outsider: MemberFixture;
  let contractor: MemberFixture;
  let agentId: string;

  /** Sessions last 14 days: after time travel, sign in again. */
  const fresh = async (person: MemberFixture): Promise<MemberFixture> => ({
    ...person,
    cookie: await t.signIn(person.email),
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set("2026-01-31T10:00:00.000Z");
    org = await t.setupOrg();
    const [dev] = await insertAgents(t, org.orgId, org.admin.userId, [
      { key: "development-assistant", name: "Development Assistant" },
    ]);
    agentId = dev?.id as string;
    engineer = await t.addMember(org, { role: "member", department: "engineering" });
    outsider = await t.addMember(org, { role: "member", department: "sales" });
    contractor = await t.addMember(org, { role: "member" });
  });
  afterAll(() => t.close());

  const run = (person: MemberFixture) =>
    check(t, org.orgId, person, "agents:run", { type: "agent", id: agentId });
  const specs = (person: MemberFixture) =>
    check(t, org.orgId, person, "files:view", { type: "file", id: "specs" });

  it("6 months from 31 January ends on 31 July; access holds until then and stops by itself after", async () => {
    t.clock.set("2026-01-31T10:00:00.000Z");
    const admin = await fresh(org.admin);
    const project = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId), {
        name: "Project Alpha",
        duration: "6 months",
        members: [{ type: "department", ref: "Engineering" }],
        resources: [
          { type: "agent", key: "development-assistant" },
          { type: "file", id: "specs" },
        ],
      }),
      201,
    );
    expect(project.endsAt).toBe("2026-07-31T10:00:00.000Z");

    const allowed = await run(engineer);
    expectAllowed(allowed);
    expect(allowed.expiresAt).toBe(project.endsAt);
    expect(allowed.via).toEqual([
      { type: "project", projectId: project.id, projectName: "Project Alpha", endsAt: project.endsAt },
    ]);
    const file = await specs(engineer);
    expectAllowed(file);
    expect(file.expiresAt).toBe(project.endsAt);
    expect(file.via).toEqual(allowed.via);
    expectDenied(await run(outsider), "NO_ACCESS");
    const reach = jsonOf<{ files: unknown[] }>(
      await send(t, await fresh(org.admin), "GET", orgUrl(org.orgId, `/members/${engineer.userId}/access`)),
    );
    expect(reach.files).toContainEqual({
      type: "file",
      id: "specs",
      actions: ["files:view", "files:analyze"],
      via: allowed.via,
      expiresAt: project.endsAt,
    });
    const notTheirs = await specs(outsider);
    expectDenied(notTheirs, "NO_ACCESS");
    expect(notTheirs.reason.message).toBe("This file is not shared with this person.");

    t.clock.set("2026-07-31T09:59:59.000Z");
    expectAllowed(await run(engineer));
    const late = jsonOf<ProjectJson>(
      await send(t, await fresh(org.admin), "GET", projectsUrl(org.orgId, `/${project.id}`)),
    );
    expect(late).toMatchObject({ status: "active", remainingSeconds: 1, remaining: "less than a minute" });

    t.clock.set("2026-07-31T10:00:00.000Z");
    expectDenied(await run(engineer), "NO_ACCESS");
    t.clock.advanceDays(3);
    const denied = await run(engineer);
    expectDenied(denied, "NO_ACCESS");
    expect(denied.reason.message).toMatch(/Project Alpha ended on 2026-07-31/);
    const fileAfter = await specs(engineer);
    expectDenied(fileAfter, "NO_ACCESS");
    expect(fileAfter.reason.message).toBe(
      "This file is not shared with this person. Access through Project Alpha ended on 2026-07-31.",
    );

    const expired = jsonOf<ProjectJson>(
      await send(t, await fresh(org.admin), "GET", projectsUrl(org.orgId, `/${project.id}`)),
    );
    expect(expired).toMatchObject({
      status: "expired",
      remainingSeconds: 0,
      remaining: "expired",
      endedAt: null,
    });
  });

  it("a project scheduled to start later grants nothing until its start, then by itself", async () => {
    t.clock.set("2026-09-01T08:00:00.000Z");
    const admin = await fresh(org.admin);
    const project = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId), {
        name: "Project Beta",
        startsAt: "2026-09-10T08:00:00.000Z",
        duration: "1 month",
        members: [{ type: "user", ref: contractor.userId }],
        resources: [{ type: "agent", key: "development-assistant" }],
      }),
      201,
    );
    expect(project).toMatchObject({ status: "scheduled", endsAt: "2026-10-10T08:00:00.000Z" });
    const before = await run(contractor);
    expectDenied(before, "NO_ACCESS");
    expect(before.reason.message).toMatch(/Project Beta starts on 2026-09-10/);
    t.clock.set("2026-09-10T08:00:00.000Z");
    expectAllowed(await run(contractor));
  });

  it("extending an expired project brings its access back from now; end cuts it at once", async () => {
    t.clock.set("2026-03-01T12:00:00.000Z");
    let admin = await fresh(org.admin);
    const project = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId), {
        name: "Short one",
        duration: "2 weeks",
        members: [{ type: "user", ref: contractor.userId }],
        resources: [{ type: "agent", id: agentId }],
      }),
      201,
    );
    expect(project.endsAt).toBe("2026-03-15T12:00:00.000Z");
    expectAllowed(await run(contractor));

    // Extend while active: counted from the current end.
    const extended = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), { duration: "1 week" }),
    );
    expect(extended.endsAt).toBe("2026-03-22T12:00:00.000Z");
    expectError(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), {
        endsAt: "2026-03-20T00:00:00Z",
      }),
      "VALIDATION_FAILED",
    );
    expectError(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), { duration: "a while" }),
      "VALIDATION_FAILED",
    );
    expectError(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), {}),
      "VALIDATION_FAILED",
    );

    t.clock.set("2026-04-01T12:00:00.000Z");
    expectDenied(await run(contractor), "NO_ACCESS");
    admin = await fresh(org.admin);
    const revived = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), { duration: "90 days" }),
    );
    expect(revived).toMatchObject({
      status: "active",
      endsAt: new Date(Date.parse("2026-04-01T12:00:00.000Z") + 90 * DAY).toISOString(),
    });
    expectAllowed(await run(contractor));

    // End: at once, no job, no waiting.
    const ended = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/end`)),
    );
    expect(ended).toMatchObject({
      status: "ended",
      endedAt: "2026-04-01T12:00:00.000Z",
      remainingSeconds: 0,
    });
    expectDenied(await run(contractor), "NO_ACCESS");
    // Ending again changes nothing.
    const again = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/end`)),
    );
    expect(again).toMatchObject({ status: "ended", endedAt: "2026-04-01T12:00:00.000Z" });
    expectError(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/end`), { now: true }),
      "VALIDATION_FAILED",
    );

    // An ended project comes back when extended.
    t.clock.advance(60 * 60 * 1000);
    const back = jsonOf<ProjectJson>(
      await send(t, admin, "POST", projectsUrl(org.orgId, `/${project.id}/extend`), {
        endsAt: "2026-05-01T00:00:00Z",
      }),
    );
    expect(back).toMatchObject({ status: "active", endedAt: null, endsAt: "2026-05-01T00:00:00.000Z" });
    expectAllowed(await run(contractor));

    const events = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", project.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "project.created",
      "project.extended",
      "project.extended",
      "project.ended",
      "project.extended",
    ]);
  });
});
