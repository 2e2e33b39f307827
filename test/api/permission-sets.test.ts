import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  check,
  expectAllowed,
  expectDenied,
  insertIntegrations,
  insertKnowledgeBases,
  insertModels,
  jsonOf,
  MB,
  SEED_PERMISSION_SETS,
  send,
  setsUrl,
} from "../harness/access.js";
import { createTeam, expectError, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

type SetJson = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  kind: "shared" | "personal";
  userId: string | null;
  rules: Record<string, unknown>;
  unmatched: Record<string, string[]>;
  assignments: { departments: string[]; teamIds: string[]; userIds: string[] };
};
type Page<T> = { items: T[]; nextCursor: string | null };
type AssignmentsJson = {
  setId: string;
  departments: string[];
  teams: { id: string; name: string }[];
  users: { id: string; name: string }[];
};

const ORG_USERS: Actor[] = ["admin", "member", "viewer", "teamOwner", "teamAdmin", "teamMember"];
const NOT_VIEWERS: Actor[] = ["admin", "member", "teamOwner", "teamAdmin", "teamMember"];

describe("permission sets", () => {
  let t: TestApp;
  let world: RoleWorld;
  let worldSet: SetJson;
  let counter = 0;

  const createSet = async (org: OrgFixture, body: Record<string, unknown> = {}, as = org.admin) => {
    counter += 1;
    return send(t, as, "POST", setsUrl(org.orgId), {
      key: `set_${counter}`,
      name: `Set ${counter}`,
      rules: SEED_PERMISSION_SETS.marketing_team,
      ...body,
    });
  };
  const newSet = async (org: OrgFixture, body: Record<string, unknown> = {}) =>
    jsonOf<SetJson>(await createSet(org, body), 201);
  const assign = (org: OrgFixture, setId: string, body: unknown, as: MemberFixture = org.admin) =>
    send(t, as, "PUT", setsUrl(org.orgId, `/${setId}/assignments`), body);

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
    worldSet = await newSet(world.org);
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);
    const request = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", rest: string, body?: unknown) =>
      t.request({
        method,
        url: setsUrl(world.org.orgId, rest),
        cookie: as(),
        ...(body !== undefined && { body }),
      });

    it("GET /permission-sets is for every member of the org, viewers included", async () => {
      expectAccess(await request("GET", ""), actor, ORG_USERS, 200);
    });

    it("POST /permission-sets is for admins only", async () => {
      const response = await request("POST", "", {
        key: `by_${actor.toLowerCase()}`,
        name: "Made here",
        rules: { ai_models: ["gpt-4"] },
      });
      expectAccess(response, actor, ["admin"], 201);
    });

    it("PUT /permission-sets (the seed's document) is for admins only", async () => {
      const response = await request("PUT", "", {
        [`doc_${actor.toLowerCase()}`]: { agent_creation: false },
      });
      expectAccess(response, actor, ["admin"], 200);
    });

    it("GET /permission-sets/:setId is for every member of the org", async () => {
      expectAccess(await request("GET", `/${worldSet.id}`), actor, ORG_USERS, 200);
    });

    it("PATCH /permission-sets/:setId is for admins only", async () => {
      const response = await request("PATCH", `/${worldSet.id}`, { description: `touched by ${actor}` });
      expectAccess(response, actor, ["admin"], 200);
    });

    it("DELETE /permission-sets/:setId is for admins only", async () => {
      const set = await newSet(world.org);
      expectAccess(await request("DELETE", `/${set.id}`), actor, ["admin"], 204);
    });

    it("GET /permission-sets/:setId/assignments is for admins and users, not viewers (it names people)", async () => {
      expectAccess(await request("GET", `/${worldSet.id}/assignments`), actor, NOT_VIEWERS, 200);
    });

    it("PUT /permission-sets/:setId/assignments is for admins only", async () => {
      const response = await request("PUT", `/${worldSet.id}/assignments`, { departments: ["research"] });
      expectAccess(response, actor, ["admin"], 200);
    });
  });

  it("creates a set from the seed's format and shows it in the same format", async () => {
    const org = await t.setupOrg();
    const created = await newSet(org, {
      key: "Marketing_Team",
      name: "Marketing team",
      description: "Department-specific access",
      rules: SEED_PERMISSION_SETS.marketing_team,
    });
    expect(created).toMatchObject({
      key: "marketing_team",
      name: "Marketing team",
      description: "Department-specific access",
      kind: "shared",
      userId: null,
      rules: SEED_PERMISSION_SETS.marketing_team,
      assignments: { departments: [], teamIds: [], userIds: [] },
    });
    const finance = await newSet(org, { key: "finance_team", rules: SEED_PERMISSION_SETS.finance_team });
    expect(finance.rules).toEqual(SEED_PERMISSION_SETS.finance_team);
    const fetched = jsonOf<SetJson>(await send(t, org.admin, "GET", setsUrl(org.orgId, `/${created.id}`)));
    expect(fetched).toEqual(created);
  });

  it("keeps an upload limit that no unit shows exactly as the byte count, not a rounded size", async () => {
    const org = await t.setupOrg();
    const set = await newSet(org, { rules: { file_upload_limit: 150_000_000 } });
    expect(set.rules).toEqual({ file_upload_limit: 150_000_000 });
    const big = await newSet(org, { rules: { file_upload_limit: "1.5GB" } });
    expect(big.rules).toEqual({ file_upload_limit: "1.5GB" });
  });

  it("refuses a key that is taken (the database decides) with KEY_TAKEN", async () => {
    const org = await t.setupOrg();
    await newSet(org, { key: "marketing_team" });
    expectError(await createSet(org, { key: "MARKETING_TEAM" }), "KEY_TAKEN");
    const other = await newSet(org, { key: "finance_team" });
    expectError(
      await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${other.id}`), { key: "marketing_team" }),
      "KEY_TAKEN",
    );
  });

  it("refuses invalid input with a message that names the problem", async () => {
    const org = await t.setupOrg();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ key: "user:someone" }, /not a usable key/],
      [{ key: "has spaces" }, /not a usable key/],
      [{ name: "  " }, /name/],
      [{ rules: { ai_models: ["gpt-4"], budget: 10 } }, /unknown field\(s\): budget/],
      [{ rules: { agent_creation: "maybe" } }, /agent_creation/],
      [{ rules: { file_upload_limit: "100 potatoes" } }, /file_upload_limit must be a size/],
      [{ rules: { ai_models: "gpt-4" } }, /ai_models/],
      [{ rules: { ai_models: [""] } }, /ai_models/],
      [{ extra: true }, /unknown field\(s\): extra/],
    ];
    for (const [body, message] of cases) {
      const error = expectError(await createSet(org, body), "VALIDATION_FAILED");
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
    const set = await newSet(org);
    expectError(await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${set.id}`), {}), "VALIDATION_FAILED");
    expectError(await send(t, org.admin, "GET", setsUrl(org.orgId, "/not-an-id")), "VALIDATION_FAILED");
    expectError(await send(t, org.admin, "GET", setsUrl(org.orgId, "?kind=secret")), "VALIDATION_FAILED");
  });

  it("PATCH changes name, description and rules; rules left out of the new rules are no longer governed", async () => {
    const org = await t.setupOrg();
    const set = await newSet(org, { key: "marketing_team", rules: SEED_PERMISSION_SETS.marketing_team });
    const patched = jsonOf<SetJson>(
      await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${set.id}`), {
        name: "Marketing",
        description: null,
        rules: { ai_models: ["gpt-4"], file_upload_limit: "250MB" },
      }),
    );
    expect(patched).toMatchObject({
      key: "marketing_team",
      name: "Marketing",
      description: null,
      rules: { ai_models: ["gpt-4"], file_upload_limit: "250MB" },
    });
  });

  it("PUT /permission-sets takes the seed's document as written, upserting by key in one go", async () => {
    const org = await t.setupOrg();
    const first = jsonOf<{ created: string[]; updated: string[]; unchanged: string[]; items: SetJson[] }>(
      await send(t, org.admin, "PUT", setsUrl(org.orgId), SEED_PERMISSION_SETS),
    );
    expect(first).toMatchObject({ created: ["marketing_team", "finance_team"], updated: [], unchanged: [] });
    expect(first.items.map((s) => [s.key, s.name, s.rules])).toEqual([
      ["marketing_team", "Marketing team", SEED_PERMISSION_SETS.marketing_team],
      ["finance_team", "Finance team", SEED_PERMISSION_SETS.finance_team],
    ]);

    const second = jsonOf<{ created: string[]; updated: string[]; unchanged: string[]; items: SetJson[] }>(
      await send(t, org.admin, "PUT", setsUrl(org.orgId), {
        marketing_team: { ...SEED_PERMISSION_SETS.marketing_team, file_upload_limit: "200MB" },
        finance_team: SEED_PERMISSION_SETS.finance_team,
        sales_team: { integrations: ["salesforce"] },
      }),
    );
    expect(second).toMatchObject({
      created: ["sales_team"],
      updated: ["marketing_team"],
      unchanged: ["finance_team"],
    });
    // The same sets, not new ones.
    expect(second.items[0]?.id).toBe(first.items[0]?.id);
    expect(second.items[0]?.rules.file_upload_limit).toBe("200MB");

    const list = jsonOf<Page<SetJson>>(await send(t, org.admin, "GET", setsUrl(org.orgId)));
    expect(list.items.map((s) => s.key)).toEqual(["marketing_team", "finance_team", "sales_team"]);
  });

  it("points out the names in a set that match no model, integration or knowledge base of the org yet", async () => {
    const org = await t.setupOrg();
    await insertModels(t, org.orgId, ["gpt-4"]);
    await insertIntegrations(t, org.orgId, ["salesforce"]);
    await insertKnowledgeBases(t, org.orgId, [
      { key: "finance", visibility: "department", department: "finance" },
    ]);
    const imported = jsonOf<{ items: SetJson[] }>(
      await send(t, org.admin, "PUT", setsUrl(org.orgId), {
        finance_team: SEED_PERMISSION_SETS.finance_team,
      }),
    );
    const finance = imported.items[0] as SetJson;
    expect(finance.unmatched).toEqual({
      ai_models: ["claude-4"],
      integrations: ["quickbooks"],
      knowledge_base_access: ["executive"],
    });

    // Once the org has claude-4, the set names it like any other model (and a check can use it).
    const model = await send(t, org.admin, "POST", `/api/v1/orgs/${org.orgId}/models`, {
      key: "claude-4",
      name: "Claude 4",
    });
    expect(model.statusCode).toBe(201);
    const read = jsonOf<SetJson>(await send(t, org.admin, "GET", setsUrl(org.orgId, `/${finance.id}`)));
    expect(read.unmatched).toEqual({ integrations: ["quickbooks"], knowledge_base_access: ["executive"] });
    const list = jsonOf<Page<SetJson>>(await send(t, org.admin, "GET", setsUrl(org.orgId)));
    expect(list.items[0]?.unmatched).toEqual(read.unmatched);
  });

  it("PUT /permission-sets writes nothing when one set of the document is invalid", async () => {
    const org = await t.setupOrg();
    const error = expectError(
      await send(t, org.admin, "PUT", setsUrl(org.orgId), {
        marketing_team: SEED_PERMISSION_SETS.marketing_team,
        finance_team: { ...SEED_PERMISSION_SETS.finance_team, file_upload_limit: "lots" },
      }),
      "VALIDATION_FAILED",
    );
    expect(error.message).toMatch(/file_upload_limit/);
    expectError(
      await send(t, org.admin, "PUT", setsUrl(org.orgId), {
        Marketing_Team: {},
        marketing_team: {},
      }),
      "VALIDATION_FAILED",
    );
    expectError(await send(t, org.admin, "PUT", setsUrl(org.orgId), {}), "VALIDATION_FAILED");
    expectError(await send(t, org.admin, "PUT", setsUrl(org.orgId), ["marketing_team"]), "VALIDATION_FAILED");
    const list = jsonOf<Page<SetJson>>(await send(t, org.admin, "GET", setsUrl(org.orgId)));
    expect(list.items).toEqual([]);
  });

  it("lists in pages", async () => {
    const org = await t.setupOrg();
    for (let i = 0; i < 5; i += 1) await newSet(org);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page: Page<SetJson> = jsonOf(await send(t, org.admin, "GET", setsUrl(org.orgId, query)));
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expectError(await send(t, org.admin, "GET", setsUrl(org.orgId, "?cursor=garbage")), "VALIDATION_FAILED");
  });

  it("assigns a set to departments (any case), teams and people of the org, replacing the previous ones", async () => {
    const org = await t.setupOrg();
    const teamId = await createTeam(t, org, "Growth");
    const person = await t.addMember(org, { role: "member", name: "Mia Marketer" });
    const set = await newSet(org, { key: "marketing_team" });
    const assigned = jsonOf<AssignmentsJson>(
      await assign(org, set.id, {
        departments: ["Marketing", " marketing ", "Sales"],
        teamIds: [teamId],
        userIds: [person.userId],
      }),
    );
    expect(assigned).toEqual({
      setId: set.id,
      departments: ["marketing", "sales"],
      teams: [{ id: teamId, name: "Growth" }],
      users: [{ id: person.userId, name: "Mia Marketer" }],
    });
    const view = jsonOf<SetJson>(await send(t, org.admin, "GET", setsUrl(org.orgId, `/${set.id}`)));
    expect(view.assignments).toEqual({
      departments: ["marketing", "sales"],
      teamIds: [teamId],
      userIds: [person.userId],
    });
    expect(
      jsonOf<AssignmentsJson>(await send(t, person, "GET", setsUrl(org.orgId, `/${set.id}/assignments`))),
    ).toEqual(assigned);

    const replaced = jsonOf<AssignmentsJson>(await assign(org, set.id, { departments: ["finance"] }));
    expect(replaced).toEqual({ setId: set.id, departments: ["finance"], teams: [], users: [] });
  });

  it("refuses assigning to teams and people of another org (404), and refuses assigning a personal set", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    const otherTeam = await createTeam(t, other, "Theirs");
    const set = await newSet(org);
    expectError(await assign(org, set.id, { teamIds: [otherTeam] }), "NOT_FOUND");
    expectError(await assign(org, set.id, { userIds: [other.admin.userId] }), "NOT_FOUND");
    expectError(await assign(org, set.id, { userIds: [UNKNOWN_ID] }), "NOT_FOUND");
    expectError(await assign(org, set.id, { teamIds: ["nope"] }), "VALIDATION_FAILED");
    expectError(await assign(org, set.id, { departments: [""] }), "VALIDATION_FAILED");
    expectError(await assign(org, set.id, { groups: [] }), "VALIDATION_FAILED");
    // Nothing of the refused attempts was written.
    expect(
      jsonOf<AssignmentsJson>(await send(t, org.admin, "GET", setsUrl(org.orgId, `/${set.id}/assignments`))),
    ).toEqual({
      setId: set.id,
      departments: [],
      teams: [],
      users: [],
    });
  });

  it("answers 404 for another org's set, whichever org's URL is used", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    const theirs = await newSet(other);
    for (const [method, rest, body] of [
      ["GET", `/${theirs.id}`, undefined],
      ["PATCH", `/${theirs.id}`, { name: "Mine now" }],
      ["DELETE", `/${theirs.id}`, undefined],
      ["GET", `/${theirs.id}/assignments`, undefined],
      ["PUT", `/${theirs.id}/assignments`, { departments: ["x"] }],
      ["GET", `/${UNKNOWN_ID}`, undefined],
    ] as const) {
      expectError(await send(t, org.admin, method, setsUrl(org.orgId, rest), body), "NOT_FOUND");
    }
    // Their set is untouched.
    expect(
      jsonOf<SetJson>(await send(t, other.admin, "GET", setsUrl(other.orgId, `/${theirs.id}`))).name,
    ).toBe(theirs.name);
  });

  it("records each change in the audit trail with before and after", async () => {
    const org = await t.setupOrg();
    const set = await newSet(org, { key: "audited" });
    await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${set.id}`), { rules: { agent_creation: false } });
    await assign(org, set.id, { departments: ["ops"] });
    await send(t, org.admin, "DELETE", setsUrl(org.orgId, `/${set.id}`));
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "before", "after", "actor_user_id"])
      .where("target_id", "=", set.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "permission_set.created",
      "permission_set.updated",
      "permission_set.assigned",
      "permission_set.deleted",
    ]);
    expect(events.every((e) => e.actor_user_id === org.admin.userId)).toBe(true);
    expect(JSON.parse(events[1]?.before ?? "null").rules).toEqual(SEED_PERMISSION_SETS.marketing_team);
    expect(JSON.parse(events[1]?.after ?? "null").rules).toEqual({ agent_creation: false });
    expect(JSON.parse(events[2]?.after ?? "null")).toMatchObject({ departments: ["ops"] });
  });

  describe("the seed's marketing and finance sets, decided by the engine", () => {
    let org: OrgFixture;
    let marketer: MemberFixture;
    let financier: MemberFixture;
    let outsider: MemberFixture;
    let sets: Record<string, SetJson>;

    beforeAll(async () => {
      org = await t.setupOrg({ name: "Seed Co" });
      await insertModels(t, org.orgId, ["gpt-4", "claude-3", "claude-4"]);
      await insertIntegrations(t, org.orgId, [
        "social_media",
        "email",
        "analytics",
        "salesforce",
        "quickbooks",
      ]);
      await insertKnowledgeBases(t, org.orgId, [
        { key: "marketing", visibility: "public" },
        { key: "finance", visibility: "public" },
        { key: "handbook", visibility: "public" },
      ]);
      marketer = await t.addMember(org, { role: "member", department: "Marketing" });
      financier = await t.addMember(org, { role: "member", department: "finance" });
      outsider = await t.addMember(org, { role: "member", department: "engineering" });
      const imported = jsonOf<{ items: SetJson[] }>(
        await send(t, org.admin, "PUT", setsUrl(org.orgId), SEED_PERMISSION_SETS),
      );
      sets = Object.fromEntries(imported.items.map((s) => [s.key, s]));
      await assign(org, sets.marketing_team?.id as string, { departments: ["marketing"] });
      await assign(org, sets.finance_team?.id as string, { departments: ["Finance"] });
    });

    it("a marketing member may use gpt-4 but not claude-4", async () => {
      expectAllowed(await check(t, org.orgId, marketer, "models:use", { type: "model", key: "gpt-4" }));
      expectAllowed(await check(t, org.orgId, marketer, "models:use", { type: "model", key: "claude-3" }));
      const denied = await check(t, org.orgId, marketer, "models:use", { type: "model", key: "claude-4" });
      expectDenied(denied, "NOT_IN_PERMISSION_SET");
      expectAllowed(await check(t, org.orgId, financier, "models:use", { type: "model", key: "claude-4" }));
      // Nobody limits engineering: their role opens every model.
      expectAllowed(await check(t, org.orgId, outsider, "models:use", { type: "model", key: "claude-4" }));
    });

    it("a finance member's agents:create needs an admin's approval; marketing may create", async () => {
      expectDenied(
        await check(t, org.orgId, financier, "agents:create", { type: "org" }),
        "APPROVAL_REQUIRED",
      );
      expectAllowed(await check(t, org.orgId, marketer, "agents:create", { type: "org" }));
    });

    it("a 300MB upload is refused for marketing (100MB) and allowed for finance (500MB)", async () => {
      const upload = { type: "org" };
      expectDenied(
        await check(t, org.orgId, marketer, "files:upload", upload, { sizeBytes: 300 * MB }),
        "UPLOAD_TOO_LARGE",
      );
      expectAllowed(await check(t, org.orgId, marketer, "files:upload", upload, { sizeBytes: 100 * MB }));
      expectAllowed(await check(t, org.orgId, financier, "files:upload", upload, { sizeBytes: 300 * MB }));
      expectDenied(await check(t, org.orgId, financier, "files:upload", upload, { sizeBytes: 501 * MB }));
    });

    it("integrations and knowledge bases follow the sets' lists", async () => {
      expectAllowed(
        await check(t, org.orgId, marketer, "integrations:use", { type: "integration", key: "email" }),
      );
      expectDenied(
        await check(t, org.orgId, marketer, "integrations:use", { type: "integration", key: "salesforce" }),
        "NOT_IN_PERMISSION_SET",
      );
      expectAllowed(
        await check(t, org.orgId, financier, "integrations:use", { type: "integration", key: "quickbooks" }),
      );
      expectAllowed(
        await check(t, org.orgId, marketer, "knowledge-bases:read", {
          type: "knowledge_base",
          key: "marketing",
        }),
      );
      // marketing_team lists "public": every public knowledge base.
      expectAllowed(
        await check(t, org.orgId, marketer, "knowledge-bases:read", {
          type: "knowledge_base",
          key: "handbook",
        }),
      );
      expectDenied(
        await check(t, org.orgId, financier, "knowledge-bases:read", {
          type: "knowledge_base",
          key: "handbook",
        }),
        "NOT_IN_PERMISSION_SET",
      );
    });

    it("a set assigned to a team or to a person applies to them, combined with their department's (most permissive wins)", async () => {
      const teamId = await createTeam(t, org, "Big files");
      const inTeam = await t.addMember(org, { role: "member", department: "marketing", teamId });
      const bigFiles = await newSet(org, { key: "big_files", rules: { file_upload_limit: "1GB" } });
      await assign(org, bigFiles.id, { teamIds: [teamId], userIds: [outsider.userId] });
      expectAllowed(
        await check(t, org.orgId, inTeam, "files:upload", { type: "org" }, { sizeBytes: 900 * MB }),
      );
      expectDenied(
        await check(t, org.orgId, marketer, "files:upload", { type: "org" }, { sizeBytes: 900 * MB }),
      );
      expectAllowed(
        await check(t, org.orgId, outsider, "files:upload", { type: "org" }, { sizeBytes: 900 * MB }),
      );
      // The team's set says nothing of models, so the department's list still holds.
      expectDenied(await check(t, org.orgId, inTeam, "models:use", { type: "model", key: "claude-4" }));
    });

    it("a changed set reaches the next check; a deleted one stops governing", async () => {
      const temp = await newSet(org, { key: "temp_finance", rules: { agent_creation: false } });
      const person = await t.addMember(org, { role: "member", department: "audit" });
      await assign(org, temp.id, { departments: ["audit"] });
      expectDenied(await check(t, org.orgId, person, "agents:create", { type: "org" }), "CREATION_DISABLED");
      await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${temp.id}`), {
        rules: { agent_creation: true },
      });
      expectAllowed(await check(t, org.orgId, person, "agents:create", { type: "org" }));
      await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${temp.id}`), {
        rules: { agent_creation: "admin_approval" },
      });
      expectDenied(await check(t, org.orgId, person, "agents:create", { type: "org" }), "APPROVAL_REQUIRED");
      await send(t, org.admin, "DELETE", setsUrl(org.orgId, `/${temp.id}`));
      expectAllowed(await check(t, org.orgId, person, "agents:create", { type: "org" }));
    });

    it("sets never lift a viewer, and never narrow an admin", async () => {
      const viewer = await t.addMember(org, { role: "viewer", department: "finance" });
      expectDenied(await check(t, org.orgId, viewer, "models:use", { type: "model", key: "gpt-4" }), "ROLE");
      const admin = await t.addMember(org, { role: "admin", department: "marketing" });
      expectAllowed(await check(t, org.orgId, admin, "models:use", { type: "model", key: "claude-4" }));
      expectAllowed(
        await check(t, org.orgId, admin, "files:upload", { type: "org" }, { sizeBytes: 300 * MB }),
      );
    });
  });

  describe("personal sets", () => {
    let org: OrgFixture;
    let alice: MemberFixture;
    let bob: MemberFixture;
    let aliceSet: string;

    beforeAll(async () => {
      org = await t.setupOrg({ name: "Personal Co" });
      alice = await t.addMember(org, { role: "member", department: "marketing" });
      bob = await t.addMember(org, { role: "member", department: "marketing" });
      const result = jsonOf<{ people: { userId: string; personalSetId: string | null }[] }>(
        await send(t, org.admin, "POST", `/api/v1/orgs/${org.orgId}/permissions/mass-update`, {
          operation: "update_permissions",
          filter: { department: "marketing" },
          changes: { ai_model_access: ["gpt-4"] },
          dryRun: false,
        }),
      );
      aliceSet = result.people.find((p) => p.userId === alice.userId)?.personalSetId as string;
      expect(aliceSet).toBeTruthy();
    });

    it("are not listed with the shared sets", async () => {
      const list = jsonOf<Page<SetJson>>(await send(t, org.admin, "GET", setsUrl(org.orgId)));
      expect(list.items).toEqual([]);
    });

    it("are all listed to admins with ?kind=personal, and only one's own to anyone else", async () => {
      const all = jsonOf<Page<SetJson>>(
        await send(t, org.admin, "GET", setsUrl(org.orgId, "?kind=personal")),
      );
      expect(all.items.map((s) => s.userId).sort()).toEqual([alice.userId, bob.userId].sort());
      expect(all.items.every((s) => s.kind === "personal" && s.key === `user:${s.userId}`)).toBe(true);
      expect(all.items.find((s) => s.userId === alice.userId)?.assignments.userIds).toEqual([alice.userId]);
      const own = jsonOf<Page<SetJson>>(await send(t, alice, "GET", setsUrl(org.orgId, "?kind=personal")));
      expect(own.items.map((s) => s.userId)).toEqual([alice.userId]);
    });

    it("can be read by their person and admins, not by other members", async () => {
      expect(jsonOf<SetJson>(await send(t, alice, "GET", setsUrl(org.orgId, `/${aliceSet}`))).rules).toEqual({
        ai_models: ["gpt-4"],
      });
      expect(jsonOf<SetJson>(await send(t, org.admin, "GET", setsUrl(org.orgId, `/${aliceSet}`))).id).toBe(
        aliceSet,
      );
      expectError(await send(t, bob, "GET", setsUrl(org.orgId, `/${aliceSet}`)), "FORBIDDEN");
      expectError(await send(t, bob, "GET", setsUrl(org.orgId, `/${aliceSet}/assignments`)), "FORBIDDEN");
    });

    it("keep their key and cannot be assigned to others; admins may change or delete them", async () => {
      expectError(
        await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${aliceSet}`), { key: "alice_special" }),
        "VALIDATION_FAILED",
      );
      expectError(await assign(org, aliceSet, { userIds: [bob.userId] }), "VALIDATION_FAILED");
      expectError(
        await send(t, alice, "PATCH", setsUrl(org.orgId, `/${aliceSet}`), { rules: {} }),
        "FORBIDDEN",
      );
      const patched = jsonOf<SetJson>(
        await send(t, org.admin, "PATCH", setsUrl(org.orgId, `/${aliceSet}`), {
          rules: { ai_models: ["claude-3"] },
        }),
      );
      expect(patched.rules).toEqual({ ai_models: ["claude-3"] });
    });
  });
});
