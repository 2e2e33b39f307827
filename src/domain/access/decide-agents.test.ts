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
      {
        id: "writer",
        key: "writer",
        name: "Content Creator",
        scope: "personal",
        ownerId: "eve",
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
    // Legal sees the whole space; Sales uses the Content Creator in it, and nothing else.
    teamSpaces: [{ id: "mkt", key: "marketing", name: "Marketing Team Space" }],
    teamSpaceAccess: [
      { teamSpaceId: "mkt", teamId: "legal", level: "view", reach: "space" },
      { teamSpaceId: "mkt", teamId: "sales", level: "full", reach: "resources" },
    ],
    teamSpaceAccessResources: [
      { teamSpaceId: "mkt", teamId: "sales", resourceType: "agent", resourceId: "writer" },
    ],
    teamSpaceResources: [{ teamSpaceId: "mkt", resourceType: "agent", resourceId: "writer" }],
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
      "This person may only view the agent Support bot: shared with the Legal team (view_only). agents:edit needs full.",
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
      "This team may only view the agent Support bot: shared with the Legal team (view_only). agents:edit needs full.",
    );
    expect(check(policy, "vic", "agents:edit", "bot").reason.message).toBe(viewer.reason.message);
  });

  it("a refusal for too low a level says what the grant allows and names it, a team space's too", () => {
    const policy = policyOf();
    expect(check(policy, "vic", "agents:view", "writer").allowed).toBe(true);
    expect(check(policy, "vic", "agents:run", "writer").reason.message).toBe(
      "This person may only view the agent Content Creator: through Marketing Team Space (view access). agents:run needs run_only.",
    );
    const ann = check(policy, "ann", "agents:run", "writer");
    expect(ann.via).toEqual([
      {
        type: "team_space",
        teamSpaceId: "mkt",
        teamSpaceName: "Marketing Team Space",
        teamId: "sales",
        level: "full",
        reach: "resources",
      },
    ]);
    expect(check(policy, "ann", "agents:edit", "writer").reason.message).toBe(
      "This person may view and run the agent Content Creator, not change it: through Marketing Team Space (full access to the resources listed for the team). agents:edit needs full.",
    );
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
      "This person has no access to the agent Alpha bot. Access through Project Old ended on 2025-06-01.",
    );
    expect(check(policy, "bob", "agents:run", "alpha-bot").reason.message).toBe(
      "This person has no access to the agent Alpha bot.",
    );
  });
});
