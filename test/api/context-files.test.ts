import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { auditOf, call, created, expectDecision, type Json, listAll } from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];
const WORKERS: Actor[] = ["admin", "member", "teamOwner", "teamAdmin", "teamMember"];
const TEAM_READERS: Actor[] = ["admin", "teamOwner", "teamAdmin", "teamMember"];
const TEAM_MANAGERS: Actor[] = ["admin", "teamOwner", "teamAdmin"];

/** The auxot seed: Users create Personal files, team Admins/Owners Team files, org Admins Org files. */
describe("context files registry", () => {
  let t: TestApp;
  let world: RoleWorld;
  let teamFile: Json;
  let orgFile: Json;
  let memberFile: Json;

  const filesUrl = (rest = "") => orgUrl(world.org.orgId, `/context-files${rest}`);
  const newTeamFile = () =>
    created(t, world.org.orgId, world.org.admin, "/context-files", {
      name: "Research style guide",
      scope: "team",
      teamId: world.teamId,
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    teamFile = await newTeamFile();
    orgFile = await created(t, world.org.orgId, world.org.admin, "/context-files", {
      name: "Company handbook",
      description: "Who we are",
      scope: "org",
    });
    memberFile = await created(t, world.org.orgId, world.people.member, "/context-files", {
      name: "My notes",
    });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /context-files is open to everyone in the org", async () => {
      expectAccess(await call(t, as(), "GET", filesUrl()), actor, IN_ORG, 200);
    });

    it("POST /context-files (personal) is for every User, not viewers", async () => {
      expectAccess(
        await call(t, as(), "POST", filesUrl(), { name: "Mine", scope: "personal" }),
        actor,
        WORKERS,
        201,
      );
    });

    it("POST /context-files (team) is for org admins and that team's admins and owners", async () => {
      const response = await call(t, as(), "POST", filesUrl(), {
        name: "Ours",
        scope: "team",
        teamId: world.teamId,
      });
      expectAccess(response, actor, TEAM_MANAGERS, 201);
    });

    it("POST /context-files (org) is for org admins", async () => {
      expectAccess(
        await call(t, as(), "POST", filesUrl(), { name: "Everyone's", scope: "org" }),
        actor,
        ["admin"],
        201,
      );
    });

    it("GET a team file: the team and admins; an org file: everyone; a personal file: its owner and admins", async () => {
      expectAccess(await call(t, as(), "GET", filesUrl(`/${teamFile.id}`)), actor, TEAM_READERS, 200);
      expectAccess(await call(t, as(), "GET", filesUrl(`/${orgFile.id}`)), actor, IN_ORG, 200);
      expectAccess(
        await call(t, as(), "GET", filesUrl(`/${memberFile.id}`)),
        actor,
        ["admin", "member"],
        200,
      );
    });

    it("PATCH a team file is for its team's admins and owners; an org file for org admins", async () => {
      expectAccess(
        await call(t, as(), "PATCH", filesUrl(`/${teamFile.id}`), { description: `by ${actor}` }),
        actor,
        TEAM_MANAGERS,
        200,
      );
      expectAccess(
        await call(t, as(), "PATCH", filesUrl(`/${orgFile.id}`), { description: `by ${actor}` }),
        actor,
        ["admin"],
        200,
      );
    });

    it("DELETE a team file is for its team's admins and owners", async () => {
      const file = await newTeamFile();
      expectAccess(await call(t, as(), "DELETE", filesUrl(`/${file.id}`)), actor, TEAM_MANAGERS, 204);
    });
  });

  it("lists only the files each person may read", async () => {
    const { org, people } = world;
    const ids = async (actor: Exclude<Actor, "signedOut">) =>
      new Set((await listAll(t, org.orgId, people[actor], "/context-files", 2)).map((f) => f.id));
    const member = await ids("member");
    expect([member.has(memberFile.id), member.has(orgFile.id), member.has(teamFile.id)]).toEqual([
      true,
      true,
      false,
    ]);
    const viewer = await ids("viewer");
    expect([viewer.has(memberFile.id), viewer.has(orgFile.id), viewer.has(teamFile.id)]).toEqual([
      false,
      true,
      false,
    ]);
    const teamMember = await ids("teamMember");
    expect([teamMember.has(memberFile.id), teamMember.has(orgFile.id), teamMember.has(teamFile.id)]).toEqual([
      false,
      true,
      true,
    ]);
    const admin = await ids("admin");
    expect([admin.has(memberFile.id), admin.has(orgFile.id), admin.has(teamFile.id)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("feeds the decision engine: moving a file changes who reads it, and moving needs the right to create there", async () => {
    const { org, people } = world;
    const file = await created(t, org.orgId, people.teamAdmin, "/context-files", {
      name: "Playbook",
      scope: "team",
      teamId: world.teamId,
    });
    const ref = { type: "context_file", id: file.id };
    await expectDecision(t, org.orgId, people.teamMember.userId, "context-files:read", ref, true);
    await expectDecision(t, org.orgId, people.teamMember.userId, "context-files:edit", ref, false);
    await expectDecision(t, org.orgId, people.viewer.userId, "context-files:read", ref, false);
    // A team admin may not make their team's file org-wide: that is an org admin's.
    const refused = expectError(
      await call(t, people.teamAdmin, "PATCH", filesUrl(`/${file.id}`), { scope: "org" }),
      "FORBIDDEN",
    );
    expect(refused.message).toContain("Only admins create org-wide context files");
    expectStatus(await call(t, org.admin, "PATCH", filesUrl(`/${file.id}`), { scope: "org" }), 200);
    await expectDecision(t, org.orgId, people.viewer.userId, "context-files:read", ref, true);
    await expectDecision(t, org.orgId, people.teamAdmin.userId, "context-files:edit", ref, false);
    expectStatus(await call(t, org.admin, "DELETE", filesUrl(`/${file.id}`)), 204);
    expect((await auditOf(t, file.id)).map((e) => e.action)).toEqual([
      "context_file.created",
      "context_file.updated",
      "context_file.deleted",
    ]);
    const [, updated] = await auditOf(t, file.id);
    expect(updated).toMatchObject({
      before: { scope: "team", teamId: world.teamId },
      after: { scope: "org", teamId: null },
    });
  });

  it("a team admin's rights stop at their own team", async () => {
    const otherTeam = await createTeam(t, world.org, "Design");
    expectError(
      await call(t, world.people.teamAdmin, "POST", filesUrl(), {
        name: "x",
        scope: "team",
        teamId: otherTeam,
      }),
      "FORBIDDEN",
    );
  });

  it("refuses invalid input and other organizations' ids", async () => {
    const { org, other } = world;
    const post = (body: unknown) => call(t, org.admin, "POST", filesUrl(), body);
    expectError(await post({ name: "x", scope: "team" }), "VALIDATION_FAILED");
    expectError(await post({ name: "x", scope: "org", teamId: world.teamId }), "VALIDATION_FAILED");
    expectError(await post({ name: "x", scope: "team", teamId: UNKNOWN_ID }), "NOT_FOUND");
    expectError(await post({ name: " ", scope: "org" }), "VALIDATION_FAILED");
    expectError(await post({ name: "x", key: "nope" }), "VALIDATION_FAILED");
    expectError(await post({ name: "x", description: "d".repeat(2001) }), "VALIDATION_FAILED");
    expectError(
      await call(t, org.admin, "PATCH", filesUrl(`/${orgFile.id}`), { owner: "me" }),
      "VALIDATION_FAILED",
    );
    expectError(await call(t, org.admin, "GET", filesUrl(`/${UNKNOWN_ID}`)), "NOT_FOUND");
    const theirs = await created(t, other.orgId, other.admin, "/context-files", {
      name: "Theirs",
      scope: "org",
    });
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const response = await call(
        t,
        org.admin,
        method,
        filesUrl(`/${theirs.id}`),
        method === "PATCH" ? {} : undefined,
      );
      expectError(response, "NOT_FOUND");
    }
    expectError(
      await call(t, other.admin, "GET", orgUrl(other.orgId, `/context-files/${orgFile.id}`)),
      "NOT_FOUND",
    );
  });
});
