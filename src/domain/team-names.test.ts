import { describe, expect, it } from "vitest";
import { teamNameKey } from "./team-names.js";

describe("teamNameKey", () => {
  it("folds case, surrounding spaces and compatibility forms", () => {
    expect(teamNameKey("  Leadership ")).toBe("leadership");
    expect(teamNameKey("ＳＡＬＥＳ")).toBe("sales");
  });
});
