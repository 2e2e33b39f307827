import { describe, expect, it } from "vitest";
import { NO_MASS_CHANGES, validationMessageOf } from "../../../test/harness/domain.js";
import { massChangesFromSeed, unmatchedChangeKeys } from "./mass-update-document.js";
import { catalogKeysOf } from "./permission-sets.js";

const MB = 1024 * 1024;
const seedChanges = massChangesFromSeed({
  add_integrations: ["instagram", "tiktok"],
  ai_model_access: ["gpt-4", "claude-3"],
  file_upload_limit: "200MB",
});

describe("massChangesFromSeed", () => {
  it("reads the seed's changes as written", () => {
    expect(seedChanges).toEqual({
      ...NO_MASS_CHANGES,
      addIntegrations: ["instagram", "tiktok"],
      aiModelAccess: ["gpt-4", "claude-3"],
      fileUploadLimitBytes: 200 * MB,
    });
    expect(massChangesFromSeed({ agent_creation: "admin_approval" }).agentCreation).toBe("approval");
    expect(massChangesFromSeed({ agent_creation: false }).agentCreation).toBe("deny");
    expect(massChangesFromSeed({ add_ai_models: [" gpt-4 ", "gpt-4"] }).addAiModels).toEqual(["gpt-4"]);
  });

  it("refuses empty, unknown, contradictory and malformed changes", () => {
    expect(validationMessageOf(() => massChangesFromSeed({}))).toMatch(/changes is empty/);
    expect(validationMessageOf(() => massChangesFromSeed({ add_budget: ["x"] } as never))).toMatch(
      /unknown field/,
    );
    expect(
      validationMessageOf(() =>
        massChangesFromSeed({ add_integrations: ["tiktok"], remove_integrations: ["tiktok"] }),
      ),
    ).toMatch(/tiktok is both/);
    expect(validationMessageOf(() => massChangesFromSeed({ file_upload_limit: "huge" }))).toMatch(
      /file_upload_limit/,
    );
    expect(validationMessageOf(() => massChangesFromSeed({ add_integrations: [""] }))).toMatch(
      /add_integrations/,
    );
  });
});

describe("unmatchedChangeKeys", () => {
  const catalog = catalogKeysOf({
    models: [{ key: "gpt-4" }],
    integrations: [{ key: "instagram" }, { key: "salesforce" }],
    knowledgeBases: [{ key: "marketing" }],
  });

  it("names what the changes would give that the org lacks, by the seed's field names", () => {
    const changes = massChangesFromSeed({
      add_integrations: ["instagram", "tiktok"],
      remove_integrations: ["myspace"],
      ai_model_access: ["gpt-4", "claude-3"],
      add_ai_models: ["claude-4"],
      knowledge_base_access: ["marketing", "public", "brand"],
      file_upload_limit: "200MB",
    });
    // Removing what does not exist changes nothing, and `public` means every public knowledge base.
    expect(unmatchedChangeKeys(changes, catalog)).toEqual({
      add_integrations: ["tiktok"],
      ai_model_access: ["claude-3"],
      add_ai_models: ["claude-4"],
      knowledge_base_access: ["brand"],
    });
    expect(unmatchedChangeKeys(massChangesFromSeed({ add_integrations: ["salesforce"] }), catalog)).toEqual(
      {},
    );
  });
});
