import { describe, expect, it } from "vitest";
import { allow, asciiJson, decisionJson, deny, keep } from "./decision.js";

describe("asciiJson", () => {
  it("escapes every character beyond ASCII and keeps the JSON value", () => {
    for (const message of [
      "Team Admin — configures the team’s agents",
      "Zoë’s café",
      "emoji 🚀 and a lone half \ud800 of a pair",
      'plain ASCII, "quoted" and \\ backslashed\n',
    ]) {
      const json = JSON.stringify({ message });
      const ascii = asciiJson(json);
      expect(ascii).toMatch(/^[\x20-\x7e]*$/);
      expect(JSON.parse(ascii)).toEqual({ message });
    }
  });

  it("returns ASCII text as it is", () => {
    const json = JSON.stringify({ allowed: true });
    expect(asciiJson(json)).toBe(json);
  });
});

describe("kept decisions", () => {
  const decisions = [
    allow("Allowed: the Admin role.", [{ type: "role", role: "admin" }]),
    allow("Allowed until the project ends.", [{ type: "owner" }], "2027-01-01T00:00:00.000Z"),
    deny("ROLE", "The Viewer role does not allow agents:edit (Team Admin — configures the team’s agents)."),
  ];

  it("read and serialize as the decision they keep, and are frozen", () => {
    for (const decision of decisions) {
      const kept = keep(decision);
      expect(kept).toEqual(decision);
      expect(Object.keys(kept)).toEqual(Object.keys(decision));
      expect(JSON.stringify(kept)).toBe(JSON.stringify(decision));
      expect(JSON.parse(decisionJson(kept))).toEqual(decision);
      expect(Object.isFrozen(kept) && Object.isFrozen(kept.reason) && Object.isFrozen(kept.via)).toBe(true);
      expect(keep(kept)).toBe(kept);
    }
  });

  it("write their JSON text once, in ASCII; other decisions are written each time", () => {
    const kept = keep(decisions[2] as (typeof decisions)[number]);
    const text = decisionJson(kept);
    expect(decisionJson(kept)).toBe(text);
    expect(text).toContain("Team Admin \\u2014 configures the team\\u2019s agents");
    const fresh = decisions[2] as (typeof decisions)[number];
    expect(decisionJson(fresh)).toBe(text);
  });
});
