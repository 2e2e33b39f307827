import { describe, expect, it } from "vitest";
import { rulesFromSeed, unmatchedKeys } from "./permission-sets.js";

describe("unmatchedKeys", () => {
  const financeTeam = rulesFromSeed({
    ai_models: ["claude-4", "gpt-4"],
    integrations: ["salesforce", "quickbooks"],
    agent_creation: "admin_approval",
    file_upload_limit: "500MB",
    knowledge_base_access: ["finance", "executive", "public"],
  });

  it("names what the org does not have yet, field by field, as the seed writes the fields", () => {
    const catalog = {
      models: new Set(["gpt-4", "claude-3"]),
      integrations: new Set(["salesforce"]),
      knowledgeBases: new Set(["finance"]),
    };
    expect(unmatchedKeys(financeTeam, catalog)).toEqual({
      ai_models: ["claude-4"],
      integrations: ["quickbooks"],
      knowledge_base_access: ["executive"],
    });
  });

  it("leaves out fields whose names all match, fields the set does not mention, and `public`", () => {
    const catalog = {
      models: new Set(["gpt-4", "claude-4"]),
      integrations: new Set(["salesforce", "quickbooks"]),
      knowledgeBases: new Set(["finance", "executive"]),
    };
    expect(unmatchedKeys(financeTeam, catalog)).toEqual({});
    expect(unmatchedKeys(rulesFromSeed({ agent_creation: true }), catalog)).toEqual({});
  });

  it("compares keys exactly, as checks do", () => {
    const catalog = {
      models: new Set(["gpt-4"]),
      integrations: new Set<string>(),
      knowledgeBases: new Set<string>(),
    };
    expect(unmatchedKeys(rulesFromSeed({ ai_models: ["GPT-4"] }), catalog)).toEqual({ ai_models: ["GPT-4"] });
  });
});
