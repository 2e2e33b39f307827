import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_MASS_CHANGES } from "../../../test/harness/domain.js";
import {
  type AccessSummary,
  applyMassChanges,
  diffAccess,
  matchPeople,
  personalSetKey,
  sameRules,
  summarizeAccess,
  withPersonalSets,
} from "./mass-update.js";
import { type MassChanges, massChangesFromSeed } from "./mass-update-document.js";
import {
  combineRules,
  type EffectiveRules,
  EMPTY_RULES,
  NO_RULES,
  type PermissionSetRules,
  rulesFromSeed,
} from "./permission-sets.js";
import type { PolicyData } from "./policy-data.js";

const MB = 1024 * 1024;
const marketing = rulesFromSeed({
  ai_models: ["gpt-4", "claude-3"],
  integrations: ["social_media", "email", "analytics"],
  agent_creation: true,
  file_upload_limit: "100MB",
  knowledge_base_access: ["marketing", "public"],
});
const seedChanges = massChangesFromSeed({
  add_integrations: ["instagram", "tiktok"],
  ai_model_access: ["gpt-4", "claude-3"],
  file_upload_limit: "200MB",
});
const keyOf = (id: string) => `set-${id}`;

/** The combined rules of a person's sets: others (id "o") and their personal set (id "p"). */
const combined = (others: PermissionSetRules, personal: PermissionSetRules) =>
  combineRules([
    { id: "o", rules: others },
    { id: "p", rules: personal },
  ]);

describe("applyMassChanges", () => {
  it("the seed's update on a marketing member: their own set gets the new integrations, models and limit", () => {
    const others = combineRules([{ id: "m", rules: marketing }]);
    const { rules, notes } = applyMassChanges(EMPTY_RULES, others, seedChanges, keyOf);
    expect(rules).toEqual({
      ...EMPTY_RULES,
      aiModels: ["gpt-4", "claude-3"],
      integrations: ["instagram", "tiktok"],
      fileUploadLimitBytes: 200 * MB,
    });
    expect(notes).toEqual([]);
    const after = combined(marketing, rules);
    expect([...(after.integrations?.keys() ?? [])]).toEqual([
      "social_media",
      "email",
      "analytics",
      "instagram",
      "tiktok",
    ]);
    expect(after.fileUploadLimit?.bytes).toBe(200 * MB);
  });

  it("adding to a field no set limits adds nothing: the role already opens everything", () => {
    const { rules, notes } = applyMassChanges(
      EMPTY_RULES,
      NO_RULES,
      { ...NO_MASS_CHANGES, addIntegrations: ["instagram"], addAiModels: ["gpt-5"] },
      keyOf,
    );
    expect(rules).toEqual(EMPTY_RULES);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/already use every enabled model/);
  });

  it("adding knowledge bases to someone no set limits keeps the public ones", () => {
    const { rules } = applyMassChanges(
      EMPTY_RULES,
      NO_RULES,
      { ...NO_MASS_CHANGES, addKnowledgeBases: ["finance"] },
      keyOf,
    );
    expect(rules.knowledgeBaseAccess).toEqual(["public", "finance"]);
  });

  it("ai_model_access replaces their own list; models another set grants stay, and say so", () => {
    const personal = { ...EMPTY_RULES, aiModels: ["o1"] };
    const others = combineRules([{ id: "m", rules: marketing }]);
    const { rules, notes } = applyMassChanges(
      personal,
      others,
      { ...NO_MASS_CHANGES, aiModelAccess: ["gpt-4"] },
      keyOf,
    );
    expect(rules.aiModels).toEqual(["gpt-4"]);
    expect(notes).toEqual(["Model claude-3 stays: permission set set-m grants it too."]);
  });

  it("remove_integrations takes from their own list; what a shared set grants stays", () => {
    const personal = { ...EMPTY_RULES, integrations: ["instagram", "tiktok"] };
    const others = combineRules([{ id: "m", rules: marketing }]);
    const { rules, notes } = applyMassChanges(
      personal,
      others,
      { ...NO_MASS_CHANGES, removeIntegrations: ["tiktok", "email"] },
      keyOf,
    );
    expect(rules.integrations).toEqual(["instagram"]);
    expect(notes).toEqual(["Integration email stays: permission set set-m grants it too."]);
    const open = applyMassChanges(
      EMPTY_RULES,
      NO_RULES,
      { ...NO_MASS_CHANGES, removeIntegrations: ["email"] },
      keyOf,
    );
    expect(open.rules).toEqual(EMPTY_RULES);
    expect(open.notes[0]).toMatch(/stay open to them/);
  });

  it("a lower limit or a stricter agent_creation than another set's is written, and flagged as without effect", () => {
    const others = combineRules([{ id: "m", rules: marketing }]);
    const { rules, notes } = applyMassChanges(
      EMPTY_RULES,
      others,
      { ...NO_MASS_CHANGES, fileUploadLimitBytes: 50 * MB, agentCreation: "approval" },
      keyOf,
    );
    expect(rules).toMatchObject({ fileUploadLimitBytes: 50 * MB, agentCreation: "approval" });
    expect(notes).toEqual([
      "The 100 MB upload limit of permission set set-m stays: the largest limit wins.",
      "agent_creation true of permission set set-m stays: the most permissive wins.",
    ]);
  });
});

const name = fc.constantFrom(
  "gpt-4",
  "claude-3",
  "claude-4",
  "instagram",
  "tiktok",
  "email",
  "public",
  "finance",
);
const names = fc.uniqueArray(name, { maxLength: 5 });
const rulesArb: fc.Arbitrary<PermissionSetRules> = fc.record({
  aiModels: fc.option(names, { nil: null }),
  integrations: fc.option(names, { nil: null }),
  agentCreation: fc.option(fc.constantFrom("allow" as const, "deny" as const, "approval" as const), {
    nil: null,
  }),
  fileUploadLimitBytes: fc.option(
    fc.integer({ min: 0, max: 1000 }).map((n) => n * MB),
    { nil: null },
  ),
  knowledgeBaseAccess: fc.option(names, { nil: null }),
});
const changesArb: fc.Arbitrary<MassChanges> = fc.record({
  addIntegrations: fc.option(names, { nil: null }),
  removeIntegrations: fc.constant(null),
  aiModelAccess: fc.option(names, { nil: null }),
  addAiModels: fc.option(names, { nil: null }),
  fileUploadLimitBytes: fc.option(
    fc.integer({ min: 0, max: 1000 }).map((n) => n * MB),
    { nil: null },
  ),
  agentCreation: fc.option(fc.constantFrom("allow" as const, "deny" as const, "approval" as const), {
    nil: null,
  }),
  knowledgeBaseAccess: fc.option(names, { nil: null }),
  addKnowledgeBases: fc.option(names, { nil: null }),
});
const addOnly = (c: MassChanges): MassChanges => ({
  ...NO_MASS_CHANGES,
  addIntegrations: c.addIntegrations,
  addAiModels: c.addAiModels,
  addKnowledgeBases: c.addKnowledgeBases,
});

/** null (no set limits the field) reaches everything; a list reaches what it lists. */
function reachesAtLeast(
  after: ReadonlyMap<string, string> | null,
  before: ReadonlyMap<string, string> | null,
) {
  if (after === null) return true;
  if (before === null) return false;
  return [...before.keys()].every((k) => after.has(k));
}

describe("applyMassChanges, properties (with the engine's own combination rule)", () => {
  it("adding never takes anything away from anyone", () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, changesArb, (others, personal, changes) => {
        const before = combined(others, personal);
        const { rules } = applyMassChanges(
          personal,
          combineRules([{ id: "o", rules: others }]),
          addOnly(changes),
          keyOf,
        );
        const after = combined(others, rules);
        expect(reachesAtLeast(after.aiModels, before.aiModels)).toBe(true);
        expect(reachesAtLeast(after.integrations, before.integrations)).toBe(true);
        // "public" stands for the public knowledge bases a person reaches when no set lists any.
        const kbBefore = before.knowledgeBaseAccess ?? new Map([["public", "role"]]);
        const kbAfter = after.knowledgeBaseAccess ?? new Map([["public", "role"]]);
        expect(reachesAtLeast(kbAfter, kbBefore)).toBe(true);
      }),
    );
  });

  it("what is added is reachable afterwards", () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, changesArb, (others, personal, changes) => {
        const { rules } = applyMassChanges(
          personal,
          combineRules([{ id: "o", rules: others }]),
          changes,
          keyOf,
        );
        const after = combined(others, rules);
        for (const item of changes.addIntegrations ?? [])
          expect(after.integrations === null || after.integrations.has(item)).toBe(true);
        for (const item of changes.addAiModels ?? [])
          expect(after.aiModels === null || after.aiModels.has(item)).toBe(true);
        for (const item of changes.addKnowledgeBases ?? [])
          expect(after.knowledgeBaseAccess?.has(item)).toBe(true);
      }),
    );
  });

  it("removing never gives anything", () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, names, (others, personal, remove) => {
        const before = combined(others, personal);
        const { rules } = applyMassChanges(
          personal,
          combineRules([{ id: "o", rules: others }]),
          { ...NO_MASS_CHANGES, removeIntegrations: remove },
          keyOf,
        );
        expect(reachesAtLeast(before.integrations, combined(others, rules).integrations)).toBe(true);
      }),
    );
  });

  it("applying the same update twice is the same as once", () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, changesArb, (others, personal, changes) => {
        const othersCombined = combineRules([{ id: "o", rules: others }]);
        const once = applyMassChanges(personal, othersCombined, changes, keyOf).rules;
        const twice = applyMassChanges(once, othersCombined, changes, keyOf).rules;
        expect(sameRules(once, twice)).toBe(true);
      }),
    );
  });
});

describe("summarizeAccess and diffAccess", () => {
  const rules: EffectiveRules = combineRules([{ id: "m", rules: marketing }]);
  const base = { rules, uploadLimitBytes: 100 * MB, canUpload: true, agentCreation: "allowed" as const };

  it("shows a member's lists, 'all' for admins, nothing usable for viewers", () => {
    expect(summarizeAccess({ role: "member", ...base })).toEqual({
      aiModels: ["claude-3", "gpt-4"],
      integrations: ["analytics", "email", "social_media"],
      knowledgeBaseAccess: ["marketing", "public"],
      canUpload: true,
      fileUploadLimit: "100MB",
      agentCreation: "allowed",
    });
    expect(summarizeAccess({ role: "admin", ...base, uploadLimitBytes: null })).toMatchObject({
      aiModels: "all",
      integrations: "all",
      knowledgeBaseAccess: "all",
      fileUploadLimit: null,
    });
    expect(summarizeAccess({ role: "viewer", ...base, canUpload: false })).toMatchObject({
      aiModels: [],
      integrations: [],
      canUpload: false,
    });
    expect(summarizeAccess({ role: "member", ...base, rules: NO_RULES })).toMatchObject({
      aiModels: "all",
      knowledgeBaseAccess: "default",
    });
  });

  it("lists what changes, with what is gained and lost", () => {
    const before = summarizeAccess({ role: "member", ...base });
    const after: AccessSummary = {
      ...before,
      integrations: [...(before.integrations as string[]), "instagram"],
      fileUploadLimit: "200MB",
    };
    expect(diffAccess(before, before)).toEqual([]);
    expect(diffAccess(before, after)).toEqual([
      {
        field: "integrations",
        before: ["analytics", "email", "social_media"],
        after: ["analytics", "email", "social_media", "instagram"],
        added: ["instagram"],
        removed: [],
      },
      { field: "fileUploadLimit", before: "100MB", after: "200MB" },
    ]);
    expect(diffAccess({ ...before, aiModels: "all" }, before)).toEqual([
      { field: "aiModels", before: "all", after: ["claude-3", "gpt-4"] },
    ]);
  });
});

describe("matchPeople and withPersonalSets", () => {
  const data: PolicyData = {
    orgId: "org",
    version: 1,
    defaultUploadLimitBytes: null,
    members: [
      { userId: "a", name: "A", role: "member", department: "Marketing" },
      { userId: "b", name: "B", role: "admin", department: "marketing" },
      { userId: "c", name: "C", role: "member", department: "finance" },
      { userId: "d", name: "D", role: "member", department: null },
    ],
    teams: [{ id: "t", name: "Growth" }],
    teamMembers: [
      { teamId: "t", userId: "a", role: "member" },
      { teamId: "t", userId: "d", role: "owner" },
    ],
    permissionSets: [{ id: "s", key: "marketing_team", name: "Marketing", rules: marketing }],
    assignments: [{ setId: "s", targetType: "department", targetId: "marketing" }],
    agents: [],
    agentShares: [],
    contextFiles: [],
    knowledgeBases: [],
    integrations: [],
    integrationShares: [],
    models: [],
    teamSpaces: [],
    teamSpaceAccess: [],
    teamSpaceAccessResources: [],
    teamSpaceResources: [],
    projects: [],
    projectMembers: [],
    projectResources: [],
    apiKeys: [],
  };
  const ids = (filter: Parameters<typeof matchPeople>[1]) => matchPeople(data, filter).map((m) => m.userId);

  it("ANDs department (any case), role and team; no condition picks everyone", () => {
    expect(ids({ department: "MARKETING" })).toEqual(["a", "b"]);
    expect(ids({ department: "marketing", role: "member" })).toEqual(["a"]);
    expect(ids({ teamId: "t" })).toEqual(["a", "d"]);
    expect(ids({ teamId: "t", department: "finance" })).toEqual([]);
    expect(ids({})).toEqual(["a", "b", "c", "d"]);
  });

  it("adds a new personal set and its assignment, replaces an existing one, and leaves the input alone", () => {
    const rules = { ...EMPTY_RULES, integrations: ["tiktok"] };
    const once = withPersonalSets(data, [
      { userId: "a", setId: "p", key: personalSetKey("a"), name: "A (personal)", rules },
    ]);
    expect(once.permissionSets).toHaveLength(2);
    expect(once.assignments).toContainEqual({ setId: "p", targetType: "user", targetId: "a" });
    expect(data.permissionSets).toHaveLength(1);
    const twice = withPersonalSets(once, [
      { userId: "a", setId: "p", key: personalSetKey("a"), name: "A (personal)", rules: EMPTY_RULES },
    ]);
    expect(twice.permissionSets).toHaveLength(2);
    expect(twice.assignments.filter((a) => a.setId === "p")).toHaveLength(1);
    expect(twice.permissionSets.find((s) => s.id === "p")?.rules).toEqual(EMPTY_RULES);
  });
});
