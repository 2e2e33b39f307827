import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStatus, orgUrl } from "../harness/api.js";
import { createTestApp, type OrgFixture, PUBLIC_URL, type TestApp, uniqueEmail } from "../harness/app.js";
import { startTestOp, type TestOp } from "../harness/oidc-provider.js";

const REDIRECT_URI = `${PUBLIC_URL}/api/v1/sso/callback`;
const DISCOVERY = "/.well-known/openid-configuration";

/** A signing key the provider "rotates to": the test re-signs the provider's ID tokens with it. */
function newSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `rotated-${randomUUID()}`;
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const resign = (idToken: string): string => {
    const payload = idToken.split(".")[1] ?? "";
    const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid })).toString("base64url");
    const signer = createSign("RSA-SHA256");
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${signer.sign(privateKey).toString("base64url")}`;
  };
  return { jwk, resign };
}

describe("OIDC discovery cache", () => {
  let t: TestApp;
  let op: TestOp;
  let org: OrgFixture;
  let n = 0;

  const account = (): string => {
    n += 1;
    const id = `cache-${n}-${Math.random().toString(36).slice(2, 7)}`;
    op.accounts.set(id, {
      sub: id,
      email: uniqueEmail("cache"),
      emailVerified: true,
      name: `C ${n}`,
      groups: [],
    });
    return id;
  };
  const counts = () => ({
    discovery: op.requests.get(DISCOVERY) ?? 0,
    jwks: op.requests.get("/jwks") ?? 0,
  });
  const start = async () => {
    const response = await t.request({ method: "GET", url: `/api/v1/sso/${org.orgId}/start` });
    expectStatus(response, 302);
    const location = String(response.headers.location);
    expect(location.startsWith(op.issuer), location).toBe(true);
    return location;
  };
  /** A whole sign-in; the callback's redirect (session or /sso/error). */
  const login = async () => {
    op.nextAccount = account();
    const callback = await op.authorize(await start());
    const response = await t.request({ method: "GET", url: `${callback.pathname}${callback.search}` });
    expectStatus(response, 302);
    return {
      location: String(response.headers.location),
      signedIn: response.cookies.some((c) => c.name.includes("gatehouse_session")),
    };
  };
  const save = async (scopes: string[]) => {
    const response = await t.request({
      method: "PUT",
      url: orgUrl(org.orgId, "/sso/oidc"),
      cookie: org.admin.cookie,
      body: {
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        scopes,
        defaultRole: "member",
      },
    });
    expectStatus(response, 200);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SSO_ALLOW_HTTP_ISSUERS: "true", SSO_DISCOVERY_CACHE_SECONDS: "3600" } });
    t.clock.set(new Date());
    op = await startTestOp({ redirectUri: REDIRECT_URI });
    org = await t.setupOrg({ plan: "business" });
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });

  it("reads discovery once for saving the connection and two sign-ins, and the keys once", async () => {
    const before = counts();
    await save(["openid", "email", "profile"]);
    const first = await login();
    const second = await login();
    expect(first.signedIn, first.location).toBe(true);
    expect(second.signedIn, second.location).toBe(true);
    const after = counts();
    expect(after.discovery - before.discovery).toBe(1);
    expect(after.jwks - before.jwks).toBe(1);
  });

  it("reads discovery again when the connection changes, here or on another instance", async () => {
    // Saved here: the save's own discovery serves the next login.
    let before = counts();
    await save(["openid", "email"]);
    expect(counts().discovery - before.discovery).toBe(1);
    const url = new URL(await start());
    expect(url.searchParams.get("scope")).toBe("openid email");
    expect(counts().discovery - before.discovery).toBe(1);

    // Changed by another instance (only the row changes): the next login discovers again, once.
    before = counts();
    await t.deps.db
      .updateTable("oidc_connections")
      .set({ scopes: "openid email profile", updated_at: new Date(Date.now() + 1000).toISOString() })
      .where("org_id", "=", org.orgId)
      .execute();
    const changed = new URL(await start());
    expect(changed.searchParams.get("scope")).toBe("openid email profile");
    await start();
    expect(counts().discovery - before.discovery).toBe(1);
  });

  it("reads discovery again once the cache time has passed", async () => {
    const before = counts();
    await start();
    expect(counts().discovery - before.discovery).toBe(0);
    t.clock.advance(3601 * 1000);
    await start();
    await start();
    expect(counts().discovery - before.discovery).toBe(1);
    t.clock.set(new Date());
  });

  it("refetches discovery and keys once when the provider signs with a new key, then signs in", async () => {
    // A fresh version of the connection: its first login fetches the keys now, so they are recent
    // (oauth4webapi alone would not refetch keys younger than a minute).
    await save(["openid", "email", "profile"]);
    expect((await login()).signedIn).toBe(true);

    const rotated = newSigningKey();
    op.extraJwks = [rotated.jwk];
    op.transformIdToken = rotated.resign;
    const before = counts();
    const result = await login();
    expect(result.signedIn, result.location).toBe(true);
    expect(counts().discovery - before.discovery).toBe(1);
    expect(counts().jwks - before.jwks).toBe(1);

    // The refreshed keys serve the next login without another request.
    const next = counts();
    expect((await login()).signedIn).toBe(true);
    expect(counts()).toEqual(next);
  });

  it("refuses an ID token signed with a key the provider does not publish, after one refetch", async () => {
    const rogue = newSigningKey();
    op.transformIdToken = rogue.resign;
    const before = counts();
    const result = await login();
    op.transformIdToken = null;
    op.extraJwks = [];
    expect(result.signedIn).toBe(false);
    const location = new URL(result.location, PUBLIC_URL);
    expect(location.pathname).toBe("/sso/error");
    expect(location.searchParams.get("code")).toBe("SSO_LOGIN_FAILED");
    expect(counts().discovery - before.discovery).toBe(1);
    expect(counts().jwks - before.jwks).toBe(1);
  });
});
