import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCapabilityTable } from "./capability-table.js";
import { ACTIONS, SEED_DENIALS } from "./catalog.js";

const FILE = path.resolve(import.meta.dirname, "../../../docs/capabilities.md");

describe("the capability table", () => {
  it("docs/capabilities.md is the catalog, rendered (npm run docs:capabilities rewrites it)", () => {
    expect(readFileSync(FILE, "utf8")).toBe(renderCapabilityTable());
  });

  it("each seed ❌ line names actions its role is refused", () => {
    for (const denial of SEED_DENIALS) {
      for (const action of denial.actions)
        expect((ACTIONS[action].roles as readonly string[]).includes(denial.role)).toBe(false);
    }
  });

  it("a viewer can never create, run or integrate", () => {
    const forbidden = Object.entries(ACTIONS).filter(([name]) =>
      /:(create|run|use|upload|analyze|edit|delete|share|participate|join)$/.test(name),
    );
    expect(forbidden.length).toBeGreaterThan(10);
    for (const [name, spec] of forbidden) {
      expect((spec.roles as readonly string[]).includes("viewer"), name).toBe(false);
    }
  });
});
