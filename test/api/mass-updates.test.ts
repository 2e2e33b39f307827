import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpAccessVersion } from "../../src/db/queries/orgs.js";
import { inTransaction } from "../../src/db/transaction.js";
import {
  check,
  expectAllowed,
  expectDenied,
  insertIntegrations,
  insertModels,
  jsonOf,
  MB,
  massUpdateUrl,
  SEED_MASS_UPDATE,
  SEED_PERMISSION_SETS,
  send,
  setsUrl,
} from "../harness/access.js";
import { createTeam, expectError, UNKNOWN_ID } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

type Summary = {
  aiModels: string[] | "all";
  integrations: string[] | "all";
  knowledgeBaseAccess: string[] | "all" | "default";
  canUpload: boolean;
  fileUploadLimit: string | null;
  agentCreation: string;
};
type PersonJson = {
  userId: string;
  name: string;
  role: string;
  department: string | null;
  personalSetId: string | null;
  unchanged: boolean;
  changes: { field: string; before: unknown; after: unknown; added?: string[]; removed?: string[] }[];
  before: Summary;
  after: Summary;
  notes: string[];
};
type ResultJson = {
  operation: string;
  dryRun: boolean;
  applied: boolean;
  filter: { department: string | null; role: string | null; team: { id: string; name: string } | null };
  matched: number;
  changed: number;
  unmatched: Record<string, string[]>;
  written: number;
  people: PersonJson[];
};

describe("mass permission updates", () => {
  let t: TestApp;
  let world: RoleWorld;

  const massUpdate = (org: OrgFixture, body: unknown, as: MemberFixture = org.admin) =>
    send(t, as, "POST", massUpdateUrl(org.orgId), body);
  const personalSets = async (org: OrgFixture) =>
    jsonOf<{ items: { userId: string; rules: Record<string, unknown> }[] }>(
      await send(t, org.admin, "GET", setsUrl(org.orgId, "?kind=personal")),
    ).items;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    it("POST /permissions/mass-update is for admins only, dry run or not", async () => {
      const response = await t.request({
        method: "POST",
        url: massUpdateUrl(world.org.orgId),
        cookie: world.cookieOf(actor),
        body: SEED_MASS_UPDATE,
      });
      expectAccess(response, actor, ["admin"], 200);
      const applied = await t.request({
        method: "POST",
        url: massUpdateUrl(world.org.orgId),
        cookie: world.cookieOf(actor),
        body: { ...SEED_MASS_UPDATE, dryRun: false },
      });
      expectAccess(applied, actor, ["admin"], 200);
    });
  });

  describe("the seed's marketing update", () => {
    let org: OrgFixture;
    let marketers: MemberFixture[];
    let marketingAdmin: MemberFixture;
    let marketingViewer: MemberFixture;
    let financier: MemberFixture;

    beforeAll(async () => {
      org = await t.setupOrg({ name: "Seed Co" });
      await insertModels(t, org.orgId, ["gpt-4", "claude-3", "claude-4"]);
      await insertIntegrations(t, org.orgId, [
        "social_media",
        "email",
        "analytics",
        "instagram",
        "tiktok",
        "salesforce",
      ]);
      marketers = [
        await t.addMember(org, { role: "member", department: "Marketing", name: "Mia Marketer" }),
        await t.addMember(org, { role: "member", department: "marketing", name: "Max Marketer" }),
      ];
      marketingAdmin = await t.addMember(org, { role: "admin", department: "marketing" });
      marketingViewer = await t.addMember(org, { role: "viewer", department: "marketing" });
      financier = await t.addMember(org, { role: "member", department: "finance" });
      const imported = jsonOf<{ items: { id: string; key: string }[] }>(
        await send(t, org.admin, "PUT", setsUrl(org.orgId), SEED_PERMISSION_SETS),
      );
      const idOf = (key: string) => imported.items.find((s) => s.key === key)?.id as string;
      await send(t, org.admin, "PUT", setsUrl(org.orgId, `/${idOf("marketing_team")}/assignments`), {
        departments: ["marketing"],
      });
      await send(t, org.admin, "PUT", setsUrl(org.orgId, `/${idOf("finance_team")}/assignments`), {
        departments: ["finance"],
      });
    });

    it("a dry run (the default) lists every matched person with their access before and after, and writes nothing", async () => {
      const result = jsonOf<ResultJson>(await massUpdate(org, SEED_MASS_UPDATE));
      expect(result).toMatchObject({
        operation: "update_permissions",
        dryRun: true,
        applied: false,
        filter: { department: "marketing", role: "member", team: null },
        matched: 2,
        changed: 2,
        written: 2,
      });
      // Every name the seed's changes give exists in this org.
      expect(result.unmatched).toEqual({});
      expect(result.people.map((p) => p.name).sort()).toEqual(["Max Marketer", "Mia Marketer"]);
      for (const person of result.people) {
        expect(person).toMatchObject({ role: "member", personalSetId: null, unchanged: false });
        expect(person.department?.toLowerCase()).toBe("marketing");
        expect(person.before).toEqual({
          aiModels: ["claude-3", "gpt-4"],
          integrations: ["analytics", "email", "social_media"],
          knowledgeBaseAccess: ["marketing", "public"],
          canUpload: true,
          fileUploadLimit: "100MB",
          agentCreation: "allowed",
        });
        expect(person.changes).toEqual([
          {
            field: "integrations",
            before: ["analytics", "email", "social_media"],
            after: ["analytics", "email", "instagram", "social_media", "tiktok"],
            added: ["instagram", "tiktok"],
            removed: [],
          },
          { field: "fileUploadLimit", before: "100MB", after: "200MB" },
        ]);
      }
      expect(await personalSets(org)).toEqual([]);
      const [mia] = marketers as [MemberFixture];
      expectDenied(
        await check(t, org.orgId, mia, "integrations:use", { type: "integration", key: "instagram" }),
      );
      expect((await massUpdate(org, { ...SEED_MASS_UPDATE, dryRun: true })).json().written).toBe(2);
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .select("id")
        .where("org_id", "=", org.orgId)
        .where("action", "=", "permissions.mass_updated")
        .execute();
      expect(audit).toEqual([]);
    });

    it("applied, marketing members may use instagram and upload 200MB; nobody else moves", async () => {
      const result = jsonOf<ResultJson>(await massUpdate(org, { ...SEED_MASS_UPDATE, dryRun: false }));
      expect(result).toMatchObject({ dryRun: false, applied: true, matched: 2, changed: 2, written: 2 });
      expect(result.people.every((p) => p.personalSetId !== null)).toBe(true);
      for (const person of marketers) {
        expectAllowed(
          await check(t, org.orgId, person, "integrations:use", { type: "integration", key: "instagram" }),
        );
        expectAllowed(
          await check(t, org.orgId, person, "integrations:use", { type: "integration", key: "tiktok" }),
        );
        expectAllowed(
          await check(t, org.orgId, person, "integrations:use", { type: "integration", key: "email" }),
        );
        expectAllowed(
          await check(t, org.orgId, person, "files:upload", { type: "org" }, { sizeBytes: 200 * MB }),
        );
        expectDenied(
          await check(t, org.orgId, person, "files:upload", { type: "org" }, { sizeBytes: 250 * MB }),
          "UPLOAD_TOO_LARGE",
        );
        expectAllowed(await check(t, org.orgId, person, "models:use", { type: "model", key: "gpt-4" }));
        expectDenied(await check(t, org.orgId, person, "models:use", { type: "model", key: "claude-4" }));
      }
      // The filter said role member: the marketing viewer and finance are untouched.
      expectDenied(
        await check(t, org.orgId, financier, "integrations:use", { type: "integration", key: "instagram" }),
        "NOT_IN_PERMISSION_SET",
      );
      expectDenied(
        await check(t, org.orgId, marketingViewer, "integrations:use", {
          type: "integration",
          key: "instagram",
        }),
      );
      const sets = await personalSets(org);
      expect(sets.map((s) => s.userId).sort()).toEqual(marketers.map((m) => m.userId).sort());
      expect(sets[0]?.rules).toEqual({
        ai_models: ["gpt-4", "claude-3"],
        integrations: ["instagram", "tiktok"],
        file_upload_limit: "200MB",
      });

      const events = await t.deps.db
        .selectFrom("audit_events")
        .select(["before", "after", "target_type", "target_id", "actor_user_id"])
        .where("org_id", "=", org.orgId)
        .where("action", "=", "permissions.mass_updated")
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        target_type: "org",
        target_id: org.orgId,
        actor_user_id: org.admin.userId,
      });
      const after = JSON.parse(events[0]?.after ?? "null");
      expect(after.people).toHaveLength(2);
      expect(after.changes).toEqual(SEED_MASS_UPDATE.changes);
      expect(
        JSON.parse(events[0]?.before ?? "null").people.every((p: { rules: unknown }) => p.rules === null),
      ).toBe(true);
    });

    it("running it again changes nobody and writes nothing", async () => {
      const result = jsonOf<ResultJson>(await massUpdate(org, { ...SEED_MASS_UPDATE, dryRun: false }));
      expect(result).toMatchObject({ applied: false, matched: 2, changed: 0, written: 0 });
      expect(result.people.every((p) => p.unchanged && p.changes.length === 0)).toBe(true);
    });

    it("without a role filter it matches admins and viewers too, and says why their access does not move", async () => {
      const result = jsonOf<ResultJson>(
        await massUpdate(org, { ...SEED_MASS_UPDATE, filter: { department: "Marketing" } }),
      );
      expect(result.matched).toBe(4);
      const admin = result.people.find((p) => p.userId === marketingAdmin.userId) as PersonJson;
      expect(admin).toMatchObject({ unchanged: true, before: { aiModels: "all", fileUploadLimit: null } });
      expect(admin.notes.join(" ")).toMatch(/do not apply to admins/);
      const viewer = result.people.find((p) => p.userId === marketingViewer.userId) as PersonJson;
      expect(viewer).toMatchObject({ unchanged: true, before: { integrations: [], canUpload: false } });
      expect(viewer.notes.join(" ")).toMatch(/Viewers never use/);
    });

    it("a narrowing change shows what people lose, and notes what their department's set keeps", async () => {
      const result = jsonOf<ResultJson>(
        await massUpdate(org, {
          operation: "update_permissions",
          filter: { department: "marketing", role: "member" },
          changes: { remove_integrations: ["tiktok", "email"], file_upload_limit: "50MB" },
        }),
      );
      const person = result.people[0] as PersonJson;
      expect(person.changes).toEqual([
        {
          field: "integrations",
          before: ["analytics", "email", "instagram", "social_media", "tiktok"],
          after: ["analytics", "email", "instagram", "social_media"],
          added: [],
          removed: ["tiktok"],
        },
        { field: "fileUploadLimit", before: "200MB", after: "100MB" },
      ]);
      expect(person.notes).toEqual([
        "Integration email stays: permission set marketing_team grants it too.",
        "The 100 MB upload limit of permission set marketing_team stays: the largest limit wins.",
      ]);
    });
  });

  it("points out the names the changes give that match nothing in the org yet, and writes them as given", async () => {
    const org = await t.setupOrg();
    await insertModels(t, org.orgId, ["gpt-4"]);
    await insertIntegrations(t, org.orgId, ["instagram"]);
    const mia = await t.addMember(org, { role: "member", department: "marketing", name: "Mia Marketer" });
    const preview = jsonOf<ResultJson>(await massUpdate(org, SEED_MASS_UPDATE));
    expect(preview.unmatched).toEqual({ add_integrations: ["tiktok"], ai_model_access: ["claude-3"] });
    const applied = jsonOf<ResultJson>(await massUpdate(org, { ...SEED_MASS_UPDATE, dryRun: false }));
    expect(applied.unmatched).toEqual(preview.unmatched);
    const [set] = await personalSets(org);
    expect(set?.userId).toBe(mia.userId);
    // No set limits her integrations (nothing to add to), and her models are replaced as written.
    expect(set?.rules).toEqual({ ai_models: ["gpt-4", "claude-3"], file_upload_limit: "200MB" });
    // claude-3 grants nothing until the org has it; then it does, with no further change.
    await expect(
      check(t, org.orgId, mia, "models:use", { type: "model", key: "claude-3" }),
    ).rejects.toMatchObject({ code: "UNKNOWN_RESOURCE" });
    await insertModels(t, org.orgId, ["claude-3", "claude-4"]);
    expectAllowed(await check(t, org.orgId, mia, "models:use", { type: "model", key: "claude-3" }));
    expectDenied(
      await check(t, org.orgId, mia, "models:use", { type: "model", key: "claude-4" }),
      "NOT_IN_PERMISSION_SET",
    );
  });

  it("filters by team name or id, refuses an unknown or foreign team, and ANDs the conditions", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    const teamId = await createTeam(t, org, "Growth Hackers");
    const theirTeam = await createTeam(t, other, "Theirs");
    const inTeam = await t.addMember(org, { role: "member", teamId, department: "sales" });
    await t.addMember(org, { role: "member", department: "sales" });
    const body = (filter: Record<string, unknown>) => ({
      operation: "update_permissions",
      filter,
      changes: { agent_creation: false },
    });
    for (const team of ["growth hackers", "Growth Hackers", teamId]) {
      const result = jsonOf<ResultJson>(await massUpdate(org, body({ team, department: "Sales" })));
      expect(result.filter.team).toEqual({ id: teamId, name: "Growth Hackers" });
      expect(result.people.map((p) => p.userId)).toEqual([inTeam.userId]);
      expect(result.people[0]?.changes).toEqual([
        { field: "agentCreation", before: "allowed", after: "denied" },
      ]);
    }
    expect(jsonOf<ResultJson>(await massUpdate(org, body({ team: teamId, role: "viewer" }))).matched).toBe(0);
    expect(jsonOf<ResultJson>(await massUpdate(org, body({ department: "sales" }))).matched).toBe(2);
    for (const team of ["Nobody", theirTeam, UNKNOWN_ID]) {
      expectError(await massUpdate(org, body({ team })), "NOT_FOUND");
    }
  });

  it("narrows someone no set limited when asked to (ai_model_access), and never narrows by adding", async () => {
    const org = await t.setupOrg();
    await insertModels(t, org.orgId, ["gpt-4", "claude-4"]);
    const person = await t.addMember(org, { role: "member", department: "research" });
    const added = jsonOf<ResultJson>(
      await massUpdate(org, {
        operation: "update_permissions",
        filter: { department: "research" },
        changes: { add_ai_models: ["gpt-4"], add_integrations: ["github"] },
        dryRun: false,
      }),
    );
    expect(added).toMatchObject({ matched: 1, changed: 0, written: 0 });
    expect(added.people[0]?.notes).toHaveLength(2);
    expectAllowed(await check(t, org.orgId, person, "models:use", { type: "model", key: "claude-4" }));

    const replaced = jsonOf<ResultJson>(
      await massUpdate(org, {
        operation: "update_permissions",
        filter: { department: "research" },
        changes: { ai_model_access: ["gpt-4"], add_knowledge_bases: ["research"] },
        dryRun: false,
      }),
    );
    expect(replaced.people[0]?.changes).toEqual([
      { field: "aiModels", before: "all", after: ["gpt-4"] },
      { field: "knowledgeBaseAccess", before: "default", after: ["public", "research"] },
    ]);
    expectAllowed(await check(t, org.orgId, person, "models:use", { type: "model", key: "gpt-4" }));
    expectDenied(
      await check(t, org.orgId, person, "models:use", { type: "model", key: "claude-4" }),
      "NOT_IN_PERMISSION_SET",
    );
    // The person may read their own personal set.
    const own = jsonOf<{ items: { rules: Record<string, unknown> }[] }>(
      await send(t, person, "GET", setsUrl(org.orgId, "?kind=personal")),
    );
    expect(own.items.map((s) => s.rules)).toEqual([
      { ai_models: ["gpt-4"], knowledge_base_access: ["public", "research"] },
    ]);
  });

  it("refuses a document that is not the seed's operation, or whose changes make no sense", async () => {
    const org = await t.setupOrg();
    const cases: [unknown, RegExp][] = [
      [{ ...SEED_MASS_UPDATE, operation: "delete_everyone" }, /operation/],
      [{ filter: {}, changes: { agent_creation: true } }, /operation/],
      [{ ...SEED_MASS_UPDATE, changes: {} }, /changes is empty/],
      [{ ...SEED_MASS_UPDATE, changes: { add_budget: ["x"] } }, /unknown field\(s\): add_budget/],
      [
        { ...SEED_MASS_UPDATE, changes: { add_integrations: ["x"], remove_integrations: ["x"] } },
        /x is both in add_integrations and remove_integrations/,
      ],
      [{ ...SEED_MASS_UPDATE, changes: { file_upload_limit: "big" } }, /file_upload_limit must be a size/],
      [{ ...SEED_MASS_UPDATE, changes: { agent_creation: "sometimes" } }, /agent_creation/],
      [{ ...SEED_MASS_UPDATE, filter: { role: "owner" } }, /filter.role/],
      [{ ...SEED_MASS_UPDATE, filter: { location: "Paris" } }, /unknown field\(s\): location/],
      [{ ...SEED_MASS_UPDATE, dryRun: "no" }, /dryRun/],
    ];
    for (const [body, message] of cases) {
      const error = expectError(await massUpdate(org, body), "VALIDATION_FAILED");
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it("two updates at once: the org's lock serializes them, so nobody gets two personal sets", async () => {
    const org = await t.setupOrg();
    const people = [
      await t.addMember(org, { role: "member", department: "ops" }),
      await t.addMember(org, { role: "member", department: "ops" }),
    ];
    const apply = (changes: Record<string, unknown>) =>
      massUpdate(org, {
        operation: "update_permissions",
        filter: { department: "ops" },
        changes,
        dryRun: false,
      });
    const results = await Promise.all([
      apply({ ai_model_access: ["gpt-4"] }),
      apply({ knowledge_base_access: ["ops"] }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const sets = await personalSets(org);
    expect(sets.map((s) => s.userId).sort()).toEqual(people.map((p) => p.userId).sort());
    for (const set of sets)
      expect(set.rules).toEqual({ ai_models: ["gpt-4"], knowledge_base_access: ["ops"] });
  });

  it("a personal set no longer assigned to its person (they left and came back) starts afresh", async () => {
    const org = await t.setupOrg();
    const person = await t.addMember(org, { role: "member", department: "ops" });
    const apply = async (changes: Record<string, unknown>) =>
      jsonOf<ResultJson>(
        await massUpdate(org, {
          operation: "update_permissions",
          filter: { department: "ops" },
          changes,
          dryRun: false,
        }),
      );
    const first = await apply({ ai_model_access: ["gpt-4", "claude-4"] });
    const setId = first.people[0]?.personalSetId as string;
    // What removing the member does to their assignments (src/db/queries/access-references.ts).
    await inTransaction(t.deps.db, async (trx) => {
      await trx.deleteFrom("permission_set_assignments").where("set_id", "=", setId).execute();
      await bumpAccessVersion(trx, org.orgId);
    });
    const second = await apply({ add_knowledge_bases: ["ops"] });
    expect(second.people[0]?.personalSetId).toBe(setId);
    expect(second.people[0]?.changes).toEqual([
      { field: "knowledgeBaseAccess", before: "default", after: ["ops", "public"] },
    ]);
    expect((await personalSets(org)).map((s) => s.rules)).toEqual([
      { knowledge_base_access: ["public", "ops"] },
    ]);
    expectAllowed(await check(t, org.orgId, person, "agents:create", { type: "org" }));
  });

  it("answers 404 to an admin of another org", async () => {
    const org = await t.setupOrg();
    const other = await t.setupOrg({ name: "Other" });
    expectError(await massUpdate(org, SEED_MASS_UPDATE, other.admin), "NOT_FOUND");
  });
});
