import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createInvitation,
  expectError,
  expectStatus,
  getOrg,
  invitationAction,
  orgUrl,
  patchOrg,
  postInvitation,
} from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp, uniqueEmail } from "../harness/app.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** Members suspended by the directory (SCIM active: false) hold no seat; reactivation needs one. */
describe("suspended members and seats", () => {
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
  });
  afterAll(() => t.close());

  const scim = (method: "GET" | "POST" | "PUT" | "PATCH", path: string, body?: unknown) =>
    t.app.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { "content-type": "application/scim+json" }),
      },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
  const createUser = async (active = true) => {
    const response = await scim("POST", "/Users", {
      schemas: [USER],
      userName: uniqueEmail("seat"),
      active,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; userName: string; active: boolean };
  };
  const setActive = (id: string, active: boolean | string) =>
    scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", path: "active", value: active }],
    });
  const seats = async () => (await getOrg(t, org)).json().seats as { limit: number; used: number };
  const statusOf = async (email: string) => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/members?limit=100"),
      cookie: org.admin.cookie,
    });
    expectStatus(response, 200);
    const items = response.json().items as { email: string; status: string }[];
    return items.find((m) => m.email === email)?.status;
  };

  it("counts only active members, frees the seat on suspension and takes it back on reactivation", async () => {
    expectStatus(await patchOrg(t, org, { seatLimit: 3 }), 200);
    const a = await createUser();
    const b = await createUser();
    expect(await seats()).toMatchObject({ limit: 3, used: 3 });
    expectError(await postInvitation(t, org), "SEAT_LIMIT_REACHED");

    // Okta deactivates with a path-less PATCH, Entra with "False": either frees the seat.
    const off = await scim("PATCH", `/Users/${a.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: "False" } }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await seats()).toMatchObject({ used: 2 });
    expect(await statusOf(a.userName)).toBe("suspended");
    expect(await statusOf(b.userName)).toBe("active");

    // The freed seat is usable: an invitation takes it.
    const invited = await createInvitation(t, org);

    // Now every seat is taken again (2 active + 1 pending is fine for SCIM, which does not count
    // pending invitations, but a third active member would not be).
    const c = await createUser();
    expect(await seats()).toMatchObject({ used: 3 });
    const refused = await setActive(a.id, true);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/scim+json");
    expect(refused.json()).toMatchObject({ schemas: [ERROR], status: "403" });
    expect(refused.json().detail).toContain("no free seat left (limit 3)");
    expect(refused.json().detail).toContain("cannot be reactivated");
    // Nothing changed: the request failed as a whole.
    expect((await scim("GET", `/Users/${a.id}`)).json().active).toBe(false);
    expect(await statusOf(a.userName)).toBe("suspended");
    expect(await seats()).toMatchObject({ used: 3 });

    // Okta's full PUT with active: true is refused the same way.
    const put = await scim("PUT", `/Users/${a.id}`, { schemas: [USER], userName: a.userName, active: true });
    expect(put.statusCode).toBe(403);
    expect(put.json().detail).toContain("cannot be reactivated");

    // Suspending another member frees a seat; the reactivation then succeeds and is audited.
    expect((await setActive(c.id, false)).statusCode).toBe(200);
    const back = await setActive(a.id, true);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().active).toBe(true);
    expect(await statusOf(a.userName)).toBe("active");
    expect(await seats()).toMatchObject({ used: 3 });
    const audited = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "source"])
      .where("org_id", "=", org.orgId)
      .where("action", "in", ["member.reactivated", "member.suspended"])
      .execute();
    expect(audited.filter((e) => e.action === "member.reactivated")).toEqual([
      { action: "member.reactivated", source: "scim" },
    ]);
    expect(audited.filter((e) => e.action === "member.suspended")).toHaveLength(2);

    // Clean up for the next test: the pending invitation goes.
    expectStatus(await invitationAction(t, org, invited.invitation.id, "revoke"), 200);
  });

  it("creates a user who arrives inactive without a seat, and refuses their activation when full", async () => {
    expectStatus(await patchOrg(t, org, { seatLimit: 4 }), 200);
    expect(await seats()).toMatchObject({ used: 3 });
    await createUser();
    expect(await seats()).toMatchObject({ used: 4 });
    // Full, but a user created inactive holds no seat.
    const dormant = await createUser(false);
    expect(dormant.active).toBe(false);
    expect(await statusOf(dormant.userName)).toBe("suspended");
    expect(await seats()).toMatchObject({ used: 4 });
    // Created active while full: refused as before.
    const full = await scim("POST", "/Users", { schemas: [USER], userName: uniqueEmail("full") });
    expect(full.statusCode).toBe(403);
    expect(full.json().detail).toContain("no free seat");
    const on = await setActive(dormant.id, "True");
    expect(on.statusCode).toBe(403);
    // Raising the limit lets the directory bring them in.
    expectStatus(await patchOrg(t, org, { seatLimit: 5 }), 200);
    expect((await setActive(dormant.id, "True")).statusCode).toBe(200);
    expect(await seats()).toMatchObject({ used: 5 });
  });

  it("lowers the seat limit down to the active members, suspended ones not counted", async () => {
    // 5 active; suspend one, then a limit of 4 fits.
    const listed = await scim("GET", "/Users?count=100");
    const active = (listed.json().Resources as { id: string; active: boolean; userName: string }[]).filter(
      (u) => u.active && u.userName !== org.admin.email,
    );
    expect(expectError(await patchOrg(t, org, { seatLimit: 4 }), "VALIDATION_FAILED").message).toContain(
      "5 active members",
    );
    expect((await setActive(active[0]?.id ?? "", false)).statusCode).toBe(200);
    expectStatus(await patchOrg(t, org, { seatLimit: 4 }), 200);
    expect(await seats()).toMatchObject({ limit: 4, used: 4 });
  });
});
