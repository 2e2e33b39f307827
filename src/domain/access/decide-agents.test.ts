import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.js";
import { compilePolicy } from "./policy.js";
import type { PolicyData } from "./policy-data.js";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");

function policyOf(): ReturnType<typeof compilePolicy> {
  const data: PolicyData = {
    orgId: "org",
    version: 1,
    defaultUploadLimitBytes: null,
    members: ["ann", "bob", "cid", "dee", "eve", "vic"].map((userId) => ({
      userId,
      name: userId,
      role: "member",
      department: null,
    })),
    teams: [
      { id: "support", name: "Support" },
      { id: "sales", name: "Sales" },
      { id: "legal", name: "Legal" },
    ],
    teamMembers: [
      { teamId: "sales", userId: "ann", role: "member" },
      { teamId: "support", userId: "ann", role: "member" },
      { teamId: "support", userId: "bob", role: "member" },
      { teamId: "sales", userId: "bob", role: "member" },
      { teamId: "support", userId: "cid", role: "admin" },
      { teamId: "legal", userId: "vic", role: "member" },
    ],
    permissionSets: [],
    assignments: [],
    agents: [
      { id: "bot", key: "bot", name: "Support bot", scope: "team", ownerId: null, teamId: "support" },
      {
        id: "alpha-bot",
        key: "alpha-bot",
        name: "Alpha bot",
        scope: "personal",
        ownerId: "cid",
        teamId: null,
      },
    ],
    agentShares: [
      { agentId: "bot", teamId: "support", level: "full" },
      { agentId: "bot", teamId: "sales", level: "full" },
      { agentId: "bot", teamId: "legal", level: "view_only" },
    ],
    contextFiles: [],
    knowledgeBases: [],
    integrations: [],
    integrationShares: [],
    models: [],
    teamSpaces: [],
    teamSpaceAccess: [],
    teamSpaceAccessResources: [],
    teamSpaceResources: [],
    projects: [
      {
        id: "p-alpha",
        name: "Project Alpha",
        startsAt: "2026-01-01T00:00:00.000Z",
        endsAt: "2026-09-01T00:00:00.000Z",
        endedAt: null,
      },
      {
        id: "p-old",
        name: "Project Old",
        startsAt: "2025-01-01T00:00:00.000Z",
        endsAt: "2025-06-01T00:00:00.000Z",
        endedAt: null,
      },
    ],
    projectMembers: [
      { projectId: "p-alpha", memberType: "user", memberRef: "dee" },
      { projectId: "p-old", memberType: "user", memberRef: "eve" },
    ],
    projectResources: [
      { projectId: "p-alpha", resourceType: "agent", resourceId: "alpha-bot" },
      { projectId: "p-old", resourceType: "agent", resourceId: "alpha-bot" },
    ],
    apiKeys: [],
  };
  return compilePolicy(data);
}

const check = (policy: ReturnType<typeof compilePolicy>, userId: string, action: string, agentId: string) =>
  evaluate(
    policy,
    { subject: { type: "user", id: userId }, action, resource: { type: "agent", id: agentId } },
    NOW,
  );

describe("agent decisions made once per agent and shared", () => {
  it("of two equal grants, the org's first team explains the allow, whatever order the memberships or checks come in", () => {
    const policy = policyOf();
    // Support comes before Sales in the org's teams. bob asks first (support, then sales); ann's
    // memberships list sales first.
    expect(check(policy, "bob", "agents:edit", "bot").via).toEqual([
      { type: "share", teamId: "support", teamName: "Support", level: "full" },
    ]);
    expect(check(policy, "ann", "agents:edit", "bot").via).toEqual([
      { type: "share", teamId: "support", teamName: "Support", level: "full" },
    ]);
  });

  it("people holding the same grant get the same frozen answer, without the memo", () => {
    const policy = policyOf();
    const ann = check(policy, "ann", "agents:run", "bot");
    policy.memo.size = Number.MAX_SAFE_INTEGER; // full: nothing more is kept
    policy.memo.bypass = true;
    const again = check(policy, "ann", "agents:view", "bot");
    expect(again).toBe(ann);
    expect(Object.isFrozen(ann) && Object.isFrozen(ann.via) && Object.isFrozen(ann.via[0])).toBe(true);
    expect(ann.reason).toEqual({ code: "ALLOWED", message: "Allowed: shared with the Support team (full)." });
  });

  it("a team admin holds their team's agent in full; a view-only share refuses edit, naming that share", () => {
    const policy = policyOf();
    expect(check(policy, "cid", "agents:edit", "bot").via).toEqual([
      { type: "team_role", teamId: "support", teamName: "Support", role: "admin" },
    ]);
    const viewer = check(policy, "vic", "agents:edit", "bot");
    expect(check(policy, "vic", "agents:view", "bot").allowed).toBe(true);
    expect(viewer.allowed).toBe(false);
    expect(viewer.reason.message).toBe(
      "The agent Support bot is shared view_only with this person; agents:edit needs full.",
    );
    expect(viewer.via).toEqual([{ type: "share", teamId: "legal", teamName: "Legal", level: "view_only" }]);
    // The Legal team's own API key holds the same share, and is refused as a team, not a person.
    const asTeam = evaluate(
      policy,
      {
        subject: { type: "team", id: "legal" },
        action: "agents:edit",
        resource: { type: "agent", id: "bot" },
      },
      NOW,
    );
    expect(asTeam.reason.message).toBe(
      "The agent Support bot is shared view_only with this team; agents:edit needs full.",
    );
    expect(check(policy, "vic", "agents:edit", "bot").reason.message).toBe(viewer.reason.message);
  });

  it("project grants carry their end, and a project that ended says so in the refusal", () => {
    const policy = policyOf();
    const dee = check(policy, "dee", "agents:run", "alpha-bot");
    expect(dee.allowed).toBe(true);
    expect(dee.expiresAt).toBe("2026-09-01T00:00:00.000Z");
    expect(dee.via[0]).toMatchObject({ type: "project", projectId: "p-alpha" });
    const eve = check(policy, "eve", "agents:run", "alpha-bot");
    expect(eve.reason.code).toBe("NO_ACCESS");
    expect(eve.reason.message).toBe(
      "This person has no access to the agent Alpha bot. Access through project Project Old ended on 2025-06-01.",
    );
    expect(check(policy, "bob", "agents:run", "alpha-bot").reason.message).toBe(
      "This person has no access to the agent Alpha bot.",
    );
  });
});
