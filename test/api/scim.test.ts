import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, expectStatus, getMe, orgUrl } from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp, uniqueEmail } from "../harness/app.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

describe("SCIM 2.0 service provider", () => {
  let t: TestApp;
  let org: OrgFixture;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business" });
    const created = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/scim/tokens"),
      cookie: org.admin.cookie,
      body: { name: "Okta" },
    });
    expectStatus(created, 201);
    token = created.json().secret;
    expect(created.json().baseUrl).toBe("http://gatehouse.test/scim/v2");
  });
  afterAll(() => t.close());

  const scim = (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    options: { token?: string; contentType?: string } = {},
  ) =>
    t.app.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        authorization: `Bearer ${options.token ?? token}`,
        ...(body !== undefined && { "content-type": options.contentType ?? "application/scim+json" }),
      },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });

  const membersOf = async () => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/members?limit=100"),
      cookie: org.admin.cookie,
    });
    return response.json().items as Array<{
      userId: string;
      email: string;
      role: string;
      department: string | null;
      teams: Array<{ teamId: string; role: string }>;
    }>;
  };
  const auditOf = async (action: string) =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["source", "target_id", "after"])
      .where("org_id", "=", org.orgId)
      .where("action", "=", action)
      .execute();

  it("serves its configuration, resource types and schemas as application/scim+json", async () => {
    const spc = await scim("GET", "/ServiceProviderConfig");
    expect(spc.statusCode).toBe(200);
    expect(spc.headers["content-type"]).toContain("application/scim+json");
    expect(spc.json()).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: false },
      sort: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.json().Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    const schemas = await scim("GET", "/Schemas");
    expect(schemas.json().Resources.map((r: { id: string }) => r.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const user = await scim("GET", `/Schemas/${USER}`);
    expect(user.json().attributes.find((a: { name: string }) => a.name === "userName")).toMatchObject({
      required: true,
      uniqueness: "server",
    });
  });

  it("refuses a missing, wrong or revoked token with a SCIM 401", async () => {
    const none = await t.app.inject({ method: "GET", url: "/scim/v2/Users" });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ schemas: [ERROR], status: "401" });
    const wrong = await scim("GET", "/Users", undefined, { token: `scim_${"A".repeat(43)}` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toContain("Settings → SCIM");

    const extra = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/scim/tokens"),
      cookie: org.admin.cookie,
      body: { name: "Spare" },
    });
    const spare = extra.json().secret as string;
    expect((await scim("GET", "/Users", undefined, { token: spare })).statusCode).toBe(200);
    expectStatus(
      await t.request({
        method: "DELETE",
        url: orgUrl(org.orgId, `/scim/tokens/${extra.json().token.id}`),
        cookie: org.admin.cookie,
      }),
      200,
    );
    expect((await scim("GET", "/Users", undefined, { token: spare })).statusCode).toBe(401);
  });

  it("rotates a token with an overlap: both work until the old one's time is up", async () => {
    const first = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/scim/tokens"),
      cookie: org.admin.cookie,
      body: { name: "Rotating" },
    });
    const rotated = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, `/scim/tokens/${first.json().token.id}/rotate`),
      cookie: org.admin.cookie,
      body: { overlapMinutes: 10 },
    });
    expectStatus(rotated, 201);
    expect((await scim("GET", "/Users", undefined, { token: first.json().secret })).statusCode).toBe(200);
    expect((await scim("GET", "/Users", undefined, { token: rotated.json().secret })).statusCode).toBe(200);
    t.clock.advance(11 * 60_000);
    expect((await scim("GET", "/Users", undefined, { token: first.json().secret })).statusCode).toBe(401);
    expect((await scim("GET", "/Users", undefined, { token: rotated.json().secret })).statusCode).toBe(200);
    const member = await t.addMember(org, { role: "member" });
    expectError(
      await t.request({ method: "GET", url: orgUrl(org.orgId, "/scim/tokens"), cookie: member.cookie }),
      "FORBIDDEN",
    );
  });

  it("Okta: create, look up, full PUT, deactivate and reactivate", async () => {
    const email = uniqueEmail("okta");
    const body = {
      schemas: [USER],
      userName: email,
      name: { givenName: "Olive", familyName: "Okta" },
      emails: [{ primary: true, value: email, type: "work" }],
      displayName: "Olive Okta",
      locale: "en-US",
      externalId: "00u1okta",
      groups: [],
      password: "Okta-Sync-Pa55!",
      active: true,
    };
    const created = await scim("POST", "/Users", body);
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(created.headers.location).toBe(`http://gatehouse.test/scim/v2/Users/${user.id}`);
    expect(user).toMatchObject({
      schemas: [USER],
      userName: email,
      active: true,
      externalId: "00u1okta",
      name: { givenName: "Olive" },
      meta: { resourceType: "User", location: created.headers.location },
    });
    expect(JSON.stringify(user)).not.toContain("Okta-Sync-Pa55!");
    const stored = await t.deps.db
      .selectFrom("scim_users")
      .select("attributes")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.attributes).not.toContain("Okta-Sync-Pa55!");
    const member = (await membersOf()).find((m) => m.email === email);
    expect(member).toMatchObject({ role: "member" });

    // Okta looks the user up by userName, case-insensitively.
    const found = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}&startIndex=1&count=100`,
    );
    expect(found.json()).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.json().Resources[0].id).toBe(user.id);

    const put = await scim("PUT", `/Users/${user.id}`, {
      ...body,
      id: user.id,
      name: { givenName: "Olivia", familyName: "Okta" },
      displayName: "Olivia Okta",
      title: "Engineer",
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ displayName: "Olivia Okta", title: "Engineer", active: true });
    expect((await scim("GET", `/Users/${user.id}`)).json().meta.version).toBe('W/"2"');

    const deactivate = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(deactivate.statusCode).toBe(200);
    expect(deactivate.json().active).toBe(false);
    const suspended = await t.deps.db
      .selectFrom("memberships")
      .select("status")
      .where("org_id", "=", org.orgId)
      .where("user_id", "=", member?.userId ?? "")
      .executeTakeFirstOrThrow();
    expect(suspended.status).toBe("suspended");
    const reactivate = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(reactivate.json().active).toBe(true);
    const events = await auditOf("member.suspended");
    expect(events.some((e) => e.target_id === member?.userId && e.source === "scim")).toBe(true);
    expect((await auditOf("member.reactivated")).some((e) => e.target_id === member?.userId)).toBe(true);
    expect((await auditOf("scim_user.created")).every((e) => e.source === "scim")).toBe(true);
  });

  it("a deactivated member's session and personal API key stop working at once", async () => {
    const person = await t.addMember(org, { role: "member" });
    const key = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/api-keys"),
      cookie: person.cookie,
      body: { kind: "personal", name: "laptop" },
    });
    expectStatus(key, 201);
    const secret = key.json().secret as string;
    const decide = () =>
      t.app.inject({
        method: "POST",
        url: orgUrl(org.orgId, "/check"),
        headers: { authorization: `Bearer ${secret}` },
        payload: { action: "agents:run", resource: { type: "agent", key: "anything" } },
      });
    // The key is accepted (the agent is unknown); after deactivation the key itself is refused.
    expect((await decide()).json().error.code).toBe("UNKNOWN_RESOURCE");
    expectStatus(await getMe(t, person.cookie), 200);

    // The person was invited before SCIM: Okta's create links them instead of failing.
    const linked = await scim("POST", "/Users", {
      schemas: [USER],
      userName: person.email,
      name: { givenName: "Pat", familyName: "Person" },
      emails: [{ primary: true, value: person.email, type: "work" }],
      active: true,
    });
    expect(linked.statusCode).toBe(201);
    await scim("PATCH", `/Users/${linked.json().id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect((await getMe(t, person.cookie)).statusCode).toBe(401);
    expectError(await decide(), "API_KEY_INVALID");
    // Even after signing in again, a suspended member sees nothing of the org.
    const again = await t.signIn(person.email);
    expectError(
      await t.request({ method: "GET", url: orgUrl(org.orgId, "/members"), cookie: again }),
      "NOT_FOUND",
    );
    await scim("PATCH", `/Users/${linked.json().id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expectStatus(await t.request({ method: "GET", url: orgUrl(org.orgId, "/members"), cookie: again }), 200);
  });

  it("Entra: probe, create with enterprise department, capitalized PATCH ops, string booleans", async () => {
    const probe = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('userName eq "d5c0d3b2-9a1e-4c5f-8a87-2f3a9e1b7c44"')}`,
    );
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toMatchObject({ totalResults: 0, Resources: [] });

    const email = uniqueEmail("entra");
    const created = await scim(
      "POST",
      "/Users",
      {
        schemas: [USER, ENTERPRISE],
        externalId: "8f2b-entra",
        userName: email,
        active: true,
        emails: [{ primary: true, type: "work", value: email }],
        name: { formatted: "Eve Entra", familyName: "Entra", givenName: "Eve" },
        displayName: "Eve Entra",
        [ENTERPRISE]: { department: "Finance", employeeNumber: "1001", manager: { value: "m-1" } },
      },
      { contentType: "application/json" },
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().schemas).toEqual([USER, ENTERPRISE]);
    expect(created.json()[ENTERPRISE]).toMatchObject({ department: "Finance", employeeNumber: "1001" });
    expect((await membersOf()).find((m) => m.email === email)?.department).toBe("Finance");

    const patched = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: email },
        { op: "Replace", value: { "name.givenName": "Evelyn", "name.familyName": "Entra" } },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Sales" },
        { op: "Replace", path: "active", value: "False" },
      ],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ active: false, name: { givenName: "Evelyn" } });
    const member = (await membersOf()).find((m) => m.email === email);
    expect(member?.department).toBe("Sales");
    const back = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: "active", value: "True" }],
    });
    expect(back.json().active).toBe(true);

    const gone = await scim("DELETE", `/Users/${id}`);
    expect(gone.statusCode).toBe(204);
    expect((await membersOf()).find((m) => m.email === email)).toBeUndefined();
    expect((await scim("GET", `/Users/${id}`)).statusCode).toBe(404);
    expect((await auditOf("scim_user.deleted")).some((e) => e.target_id === id && e.source === "scim")).toBe(
      true,
    );
  });

  it("answers a duplicate userName with 409 uniqueness and a bad filter with 400 invalidFilter", async () => {
    const email = uniqueEmail("dup");
    expect((await scim("POST", "/Users", { schemas: [USER], userName: email })).statusCode).toBe(201);
    const dup = await scim("POST", "/Users", { schemas: [USER], userName: email.toUpperCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
    const bad = await scim("GET", `/Users?filter=${encodeURIComponent("userName eq")}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: "400", scimType: "invalidFilter" });
    const notEmail = await scim("POST", "/Users", { schemas: [USER], userName: "just-a-name" });
    expect(notEmail.statusCode).toBe(400);
    expect(notEmail.json().detail).toContain("needs an email");
  });

  it("pages, filters and projects attributes", async () => {
    for (let i = 0; i < 3; i++) {
      await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("page"), title: "Pager" });
    }
    const filter = encodeURIComponent('title eq "Pager"');
    const first = await scim("GET", `/Users?filter=${filter}&startIndex=1&count=2`);
    expect(first.json()).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    const second = await scim("GET", `/Users?filter=${filter}&startIndex=3&count=2`);
    expect(second.json()).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
    const ids = [...first.json().Resources, ...second.json().Resources].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(3);

    const only = await scim("GET", `/Users?filter=${filter}&attributes=userName`);
    expect(Object.keys(only.json().Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
    const without = await scim("GET", `/Users/${ids[0]}?excludedAttributes=groups,meta`);
    expect(without.json().groups).toBeUndefined();
    expect(without.json().meta).toBeUndefined();
    expect(without.json().userName).toBeDefined();
  });

  it("Okta group push: create, add and remove members, rename; the group mapping follows", async () => {
    const eng = await createTeam(t, org, "Platform");
    const put = await t.request({
      method: "PUT",
      url: orgUrl(org.orgId, "/group-mapping"),
      cookie: org.admin.cookie,
      body: { rules: [{ group: "Platform Admins", role: "admin", teamId: eng, teamRole: "owner" }] },
    });
    expectStatus(put, 200);
    const a = (await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("ga") })).json();
    const b = (await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("gb") })).json();

    const group = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Platform Admins",
      members: [],
    });
    expect(group.statusCode).toBe(201);
    const groupId = group.json().id as string;
    expect(group.headers.location).toBe(`http://gatehouse.test/scim/v2/Groups/${groupId}`);

    const add = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: a.id }, { value: b.id }] }],
    });
    expect(add.statusCode).toBe(200);
    expect(
      add
        .json()
        .members.map((m: { value: string }) => m.value)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const members = await membersOf();
    const ma = members.find((m) => m.email === a.userName);
    expect(ma?.role).toBe("admin");
    expect(ma?.teams).toContainEqual(expect.objectContaining({ teamId: eng, role: "owner" }));
    expect((await scim("GET", `/Users/${a.id}`)).json().groups).toEqual([
      expect.objectContaining({ value: groupId, display: "Platform Admins" }),
    ]);

    const remove = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: "remove", path: `members[value eq "${b.id}"]` }],
    });
    expect(remove.json().members.map((m: { value: string }) => m.value)).toEqual([a.id]);
    const mb = (await membersOf()).find((m) => m.email === b.userName);
    expect(mb?.teams.some((x) => x.teamId === eng)).toBe(false);

    // Okta renames with the id repeated in a path-less value: the mapping no longer matches.
    const rename = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { id: groupId, displayName: "Platform People" } }],
    });
    expect(rename.statusCode).toBe(200);
    expect(rename.json().displayName).toBe("Platform People");
    const renamed = (await membersOf()).find((m) => m.email === a.userName);
    expect(renamed?.teams.some((x) => x.teamId === eng)).toBe(false);
    const list = await scim(
      "GET",
      `/Groups?filter=${encodeURIComponent('displayName eq "platform people"')}&excludedAttributes=members`,
    );
    expect(list.json().totalResults).toBe(1);
    expect(list.json().Resources[0].members).toBeUndefined();
    expect((await auditOf("scim_group.updated")).every((e) => e.source === "scim")).toBe(true);
  });

  it("Entra: group member Remove with a value list; unsafe changes are a clear 409", async () => {
    const team = await createTeam(t, org, "Solo");
    await t.request({
      method: "PUT",
      url: orgUrl(org.orgId, "/group-mapping"),
      cookie: org.admin.cookie,
      body: { rules: [{ group: "Solo Owners", teamId: team, teamRole: "owner" }] },
    });
    const a = (await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("sa") })).json();
    const b = (await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("sb") })).json();
    const group = (
      await scim("POST", "/Groups", {
        schemas: [GROUP],
        displayName: "Solo Owners",
        members: [{ value: a.id }, { value: b.id }],
      })
    ).json();
    // The directory's people are now the team's only owners.
    expectStatus(
      await t.request({
        method: "DELETE",
        url: orgUrl(org.orgId, `/teams/${team}/members/${org.admin.userId}`),
        cookie: org.admin.cookie,
      }),
      204,
    );
    const removeOne = await scim("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Remove", path: "members", value: [{ value: b.id }] }],
    });
    expect(removeOne.statusCode).toBe(200);
    expect(removeOne.json().members.map((m: { value: string }) => m.value)).toEqual([a.id]);
    const removeLast = await scim("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Remove", path: "members", value: [{ value: a.id }] }],
    });
    expect(removeLast.statusCode).toBe(409);
    expect(removeLast.json().detail).toContain("last owner");
    // Nothing changed: the request failed as a whole.
    expect((await scim("GET", `/Groups/${group.id}`)).json().members).toHaveLength(1);
    const del = await scim("DELETE", `/Users/${a.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toContain("only owner");
  });

  it("refuses to deactivate the last admin, and a create beyond the seat limit, with a clear reason", async () => {
    const other = await t.setupOrg({ plan: "business" });
    const issued = await t.request({
      method: "POST",
      url: orgUrl(other.orgId, "/scim/tokens"),
      cookie: other.admin.cookie,
      body: { name: "Entra" },
    });
    const own = { token: issued.json().secret as string };
    const admin = await scim("POST", "/Users", { schemas: [USER], userName: other.admin.email }, own);
    expect(admin.statusCode).toBe(201);
    const off = await scim(
      "PATCH",
      `/Users/${admin.json().id}`,
      { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] },
      own,
    );
    expect(off.statusCode).toBe(409);
    expect(off.json().detail).toContain("last active admin");
    expectStatus(await getMe(t, other.admin.cookie), 200);

    await t.deps.db.updateTable("orgs").set({ seat_limit: 1 }).where("id", "=", other.orgId).execute();
    const full = await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("seat") }, own);
    expect(full.statusCode).toBe(403);
    expect(full.json().detail).toContain("no free seat");
    // Another org's token sees none of this org's users.
    expect((await scim("GET", `/Users/${admin.json().id}`)).statusCode).toBe(404);
  });

  it("keeps a provisioning log the admin can read, newest first", async () => {
    await scim("GET", `/Users/0190a000-0000-7000-8000-000000000000`);
    const log = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/scim/requests?limit=5"),
      cookie: org.admin.cookie,
    });
    expectStatus(log, 200);
    const first = log.json().items[0];
    expect(first).toMatchObject({
      method: "GET",
      path: "/Users/0190a000-0000-7000-8000-000000000000",
      status: 404,
    });
    expect(first.detail).toContain("No User");
    expect(log.json().nextBefore).not.toBeNull();
  });
});
