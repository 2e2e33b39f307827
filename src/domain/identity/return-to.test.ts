import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to.js";

describe("safeReturnTo", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeReturnTo("/orgs/1/members?x=1")).toBe("/orgs/1/members?x=1");
    expect(safeReturnTo(undefined)).toBe("/");
  });
  it("refuses anything that could leave the origin", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/ok\u0000",
      "relative/path",
    ]) {
      expect(safeReturnTo(bad)).toBe("/");
    }
  });
});
