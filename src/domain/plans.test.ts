import { describe, expect, it } from "vitest";
import { hasFreeSeat, PLAN_RULES } from "./plans.js";

describe("plans", () => {
  it("keep the seed's Users page sentences word for word", () => {
    expect(PLAN_RULES.free.usersPageHelp).toBe(
      "On the Free plan, this workspace is limited to one user on one team. Upgrade when you are ready to invite others.",
    );
    expect(PLAN_RULES.team.usersPageHelp).toBe(
      "On a Team plan, you can invite teammates and manage roles in your workspace team.",
    );
    expect(PLAN_RULES.business.usersPageHelp).toBe(
      "On a Business plan, you can invite teammates, assign them to teams, and choose organization-wide or team roles for each person.",
    );
  });

  it("free is solo; team has one team; business and enterprise have teams and team roles", () => {
    expect(PLAN_RULES.free.canInvite).toBe(false);
    expect([
      PLAN_RULES.team.canInvite,
      PLAN_RULES.team.hasMultipleTeams,
      PLAN_RULES.team.hasTeamRoles,
    ]).toEqual([true, false, false]);
    for (const plan of ["business", "enterprise"] as const) {
      expect([PLAN_RULES[plan].hasMultipleTeams, PLAN_RULES[plan].hasTeamRoles]).toEqual([true, true]);
    }
  });

  it("counts members plus pending invitations against the seat limit", () => {
    expect(hasFreeSeat({ limit: 5, used: 3, pending: 1 })).toBe(true);
    expect(hasFreeSeat({ limit: 5, used: 3, pending: 2 })).toBe(false);
    expect(hasFreeSeat({ limit: null, used: 10_000, pending: 10_000 })).toBe(true);
  });
});
