import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, expectStatus, orgUrl, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import {
  assignPermissionSet,
  auditOf,
  call,
  created,
  decide,
  expectDecision,
  type Json,
  listAll,
  uniqueKey,
} from "../harness/resources.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const IN_ORG: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];

describe("AI model catalog", () => {
  let t: TestApp;
  let world: RoleWorld;
  let gpt4: Json;

  const modelsUrl = (rest = "") => orgUrl(world.org.orgId, `/models${rest}`);
  const newModel = () =>
    created(t, world.org.orgId, world.org.admin, "/models", {
      key: uniqueKey("m"),
      name: "Model",
      provider: "acme",
    });

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    gpt4 = await created(t, world.org.orgId, world.org.admin, "/models", {
      key: "gpt-4",
      name: "GPT-4",
      provider: "openai",
    });
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /models is open to everyone in the org", async () => {
      expectAccess(await call(t, as(), "GET", modelsUrl()), actor, IN_ORG, 200);
    });

    it("POST /models is for admins (Configure AI model access)", async () => {
      expectAccess(
        await call(t, as(), "POST", modelsUrl(), { key: uniqueKey("claude"), name: "Claude" }),
        actor,
        ["admin"],
        201,
      );
    });

    it("PATCH and DELETE /models/:id are for admins", async () => {
      const model = await newModel();
      expectAccess(
        await call(t, as(), "PATCH", modelsUrl(`/${model.id}`), { enabled: false }),
        actor,
        ["admin"],
        200,
      );
      expectAccess(await call(t, as(), "DELETE", modelsUrl(`/${model.id}`)), actor, ["admin"], 204);
    });
  });

  it("feeds the decision engine: the catalog, its on/off switch and permission sets' ai_models", async () => {
    const { org, people } = world;
    const claude = await created(t, org.orgId, org.admin, "/models", { key: "claude-3", name: "Claude 3" });
    const model = { type: "model", key: "gpt-4" };
    await expectDecision(t, org.orgId, people.member.userId, "models:use", model, true);
    await expectDecision(t, org.orgId, people.viewer.userId, "models:use", model, false);
    // The seed's marketing_team: ai_models ["gpt-4", "claude-3"]; a set without gpt-4 refuses it.
    const restricted = await t.addMember(org, { role: "member" });
    await assignPermissionSet(t, org.orgId, restricted.userId, { ai_models: ["claude-3"] });
    expect((await decide(t, org.orgId, restricted.userId, "models:use", model)).reason.code).toBe(
      "NOT_IN_PERMISSION_SET",
    );
    await expectDecision(
      t,
      org.orgId,
      restricted.userId,
      "models:use",
      { type: "model", id: claude.id },
      true,
    );
    const off = await call(t, org.admin, "PATCH", modelsUrl(`/${gpt4.id}`), { enabled: false });
    expectStatus(off, 200);
    expect(off.json()).toMatchObject({ key: "gpt-4", enabled: false, provider: "openai" });
    expect((await decide(t, org.orgId, people.member.userId, "models:use", model)).reason.code).toBe(
      "DISABLED",
    );
    expectStatus(
      await call(t, org.admin, "PATCH", modelsUrl(`/${gpt4.id}`), { enabled: true, provider: null }),
      200,
    );
    await expectDecision(t, org.orgId, people.member.userId, "models:use", model, true);
    expect((await auditOf(t, gpt4.id)).map((e) => e.action)).toEqual([
      "model.created",
      "model.updated",
      "model.updated",
    ]);
  });

  it("refuses invalid input, taken keys and other orgs' models; lists page", async () => {
    const { org, other } = world;
    const taken = expectError(
      await call(t, org.admin, "POST", modelsUrl(), { key: "GPT-4", name: "Again" }),
      "KEY_TAKEN",
    );
    expect(taken.message).toContain("model with this key");
    expectError(
      await call(t, org.admin, "POST", modelsUrl(), { key: "gpt 4", name: "x" }),
      "VALIDATION_FAILED",
    );
    expectError(
      await call(t, org.admin, "POST", modelsUrl(), { key: "ok", name: "x", price: 1 }),
      "VALIDATION_FAILED",
    );
    expectError(
      await call(t, org.admin, "POST", modelsUrl(), { key: "ok", name: "x", enabled: "yes" }),
      "VALIDATION_FAILED",
    );
    expectError(await call(t, org.admin, "PATCH", modelsUrl(`/${UNKNOWN_ID}`), { name: "x" }), "NOT_FOUND");
    const theirs = await created(t, other.orgId, other.admin, "/models", { key: "gpt-4", name: "Theirs" });
    expectError(await call(t, org.admin, "PATCH", modelsUrl(`/${theirs.id}`), { name: "x" }), "NOT_FOUND");
    expectError(await call(t, org.admin, "DELETE", modelsUrl(`/${theirs.id}`)), "NOT_FOUND");
    expectError(await call(t, other.admin, "DELETE", orgUrl(other.orgId, `/models/${gpt4.id}`)), "NOT_FOUND");
    await newModel();
    await newModel();
    const all = await listAll(t, org.orgId, world.people.viewer, "/models", 1);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort());
  });
});
