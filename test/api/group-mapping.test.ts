import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { systemContext } from "../../src/services/context.js";
import { applyDirectoryGroups } from "../../src/services/directory/apply-directory-groups.js";
import { createTeam, expectError, expectStatus, orgUrl } from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp } from "../harness/app.js";

describe("directory group mapping", () => {
  let t: TestApp;
  let org: OrgFixture;
  let eng: string;
  let leads: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business" });
    eng = await createTeam(t, org, "Engineering");
    leads = await createTeam(t, org, "Leads");
  });
  afterAll(() => t.close());

  const url = (rest = "") => orgUrl(org.orgId, `/group-mapping${rest}`);
  const directory = (userId: string, groups: string[], onUnsafe: "throw" | "hold" = "throw") =>
    inTransaction(t.deps.db, (trx) =>
      applyDirectoryGroups(trx, systemContext(t.deps, "scim"), {
        orgId: org.orgId,
        userId,
        source: "scim",
        groups,
        onUnsafe,
      }),
    );
  const memberOf = async (userId: string) => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/members?limit=100"),
      cookie: org.admin.cookie,
    });
    const items = response.json().items as Array<{
      userId: string;
      role: string;
      department: string | null;
      teams: Array<{ teamId: string; role: string }>;
    }>;
    return items.find((m) => m.userId === userId);
  };

  it("is empty at first, refuses members, and explains a bad rule", async () => {
    const empty = await t.request({ method: "GET", url: url(), cookie: org.admin.cookie });
    expectStatus(empty, 200);
    expect(empty.json()).toEqual({ rules: [] });
    const member = await t.addMember(org, { role: "member" });
    expectError(await t.request({ method: "GET", url: url(), cookie: member.cookie }), "FORBIDDEN");
    expectError(
      await t.request({ method: "PUT", url: url(), cookie: member.cookie, body: { rules: [] } }),
      "FORBIDDEN",
    );
    const bad = await t.request({
      method: "PUT",
      url: url(),
      cookie: org.admin.cookie,
      body: {
        rules: [
          { group: "Eng", teamRole: "owner" },
          { group: "X", teamId: "0190a000-0000-7000-8000-000000000000" },
        ],
      },
    });
    const error = expectError(bad, "VALIDATION_FAILED");
    expect(error.message).toContain("Rule 1 (Eng): a team role needs a team.");
    expect(error.message).toContain("does not exist in this organization");
  });

  it("previews, saves and applies: roles, managed teams and departments follow the groups", async () => {
    const ada = await t.addMember(org, { role: "member" });
    const bob = await t.addMember(org, { role: "viewer" });
    // The directory says who is in which group before any mapping exists: nothing changes yet.
    expect((await directory(ada.userId, ["Engineering", "Eng Leads"])).changed).toBe(false);
    await directory(bob.userId, ["Engineering"]);

    const rules = [
      { group: "Engineering", role: "member", teamId: eng, department: "engineering" },
      { group: "Eng Leads", role: "admin", teamId: leads, teamRole: "admin" },
    ];
    const preview = await t.request({
      method: "POST",
      url: url("/preview"),
      cookie: org.admin.cookie,
      body: { rules },
    });
    expectStatus(preview, 200);
    const changes = preview.json().members as Array<{
      email: string;
      role: unknown;
      teams: unknown[];
      department: unknown;
    }>;
    expect(changes.find((c) => c.email === ada.email)).toMatchObject({
      role: { from: "member", to: "admin" },
      department: { from: null, to: "engineering" },
      teams: [
        { teamId: eng, teamName: "Engineering", from: null, to: "member" },
        { teamId: leads, teamName: "Leads", from: null, to: "admin" },
      ],
    });
    expect(changes.find((c) => c.email === bob.email)).toMatchObject({
      role: { from: "viewer", to: "member" },
    });
    // A preview writes nothing.
    expect((await memberOf(ada.userId))?.role).toBe("member");

    const saved = await t.request({ method: "PUT", url: url(), cookie: org.admin.cookie, body: { rules } });
    expectStatus(saved, 200);
    expect(saved.json().heldBack).toEqual([]);
    const after = await memberOf(ada.userId);
    expect(after).toMatchObject({ role: "admin", department: "engineering" });
    const managed = after?.teams.filter((team) => team.teamId !== org.defaultTeamId);
    expect(managed?.map((team) => [team.teamId, team.role]).sort()).toEqual(
      [
        [eng, "member"],
        [leads, "admin"],
      ].sort(),
    );

    // Leaving a group removes the managed team and the role it gave.
    await directory(ada.userId, ["Engineering"]);
    const left = await memberOf(ada.userId);
    expect(left?.role).toBe("member");
    expect(left?.teams.map((team) => team.teamId)).not.toContain(leads);

    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "source"])
      .where("org_id", "=", org.orgId)
      .where("action", "in", ["group_mapping.updated", "team_member.removed"])
      .execute();
    expect(audit).toContainEqual({ action: "group_mapping.updated", source: "console" });
    expect(audit).toContainEqual({ action: "team_member.removed", source: "scim" });
  });

  it("never takes a team's last owner away: SCIM gets a clear error, a sign-in holds the change back", async () => {
    const owned = await createTeam(t, org, "Owned");
    const carol = await t.addMember(org, { role: "member", teamId: owned, teamRole: "owner" });
    // The admin who created the team is its first owner; leave Carol the only one.
    expectStatus(
      await t.request({
        method: "DELETE",
        url: orgUrl(org.orgId, `/teams/${owned}/members/${org.admin.userId}`),
        cookie: org.admin.cookie,
      }),
      204,
    );
    const rules = [{ group: "Owners", teamId: owned, teamRole: "owner" }];
    expectStatus(
      await t.request({ method: "PUT", url: url(), cookie: org.admin.cookie, body: { rules } }),
      200,
    );
    await expect(directory(carol.userId, [])).rejects.toMatchObject({ code: "LAST_TEAM_OWNER" });
    const held = await directory(carol.userId, [], "hold");
    expect(held.heldBack[0]).toMatch(/last owner/);
    expect((await memberOf(carol.userId))?.teams.map((team) => team.teamId)).toContain(owned);
  });
});
