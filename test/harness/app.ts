import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type Config, loadConfig } from "../../src/config.js";
import { type OpenedDeps, openDeps } from "../../src/deps.js";
import type { Plan } from "../../src/domain/plans.js";
import type { OrgRole, TeamRole } from "../../src/domain/roles.js";
import { buildApp } from "../../src/http/app.js";
import { createFixedClock, type FixedClock, systemClock } from "../../src/lib/clock.js";
import { createArgon2Hasher } from "../../src/security/passwords.js";
import { type HostResolver, systemContext } from "../../src/services/context.js";
import { createOrganization } from "../../src/services/orgs/create-organization.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export const PUBLIC_URL = "http://gatehouse.test";
export const ORIGIN = "http://gatehouse.test";
export const DEFAULT_PASSWORD = "correct horse battery";

/** Real argon2id, at parameters cheap enough for hundreds of sign-ups per test run. */
export const testHasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export type TestApp = {
  app: FastifyInstance;
  deps: OpenedDeps;
  /** Moves time for the app unless it was built with the system clock. */
  clock: FixedClock;
  config: Config;
  request(options: RequestOptions): Promise<LightMyRequestResponse>;
  /** A new org with its admin signed in. */
  setupOrg(options?: { plan?: Plan; name?: string; adminEmail?: string }): Promise<OrgFixture>;
  signIn(email: string, password?: string): Promise<string>;
  /** Invites through the API as `as` and accepts as a new person; returns them signed in. */
  addMember(org: OrgFixture, options: AddMemberOptions): Promise<MemberFixture>;
  close(): Promise<void>;
};

export type RequestOptions = {
  method: InjectOptions["method"];
  url: string;
  cookie?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to the right origin whenever a cookie is sent; pass null to send none. */
  origin?: string | null;
};

export type OrgFixture = { orgId: string; defaultTeamId: string; admin: MemberFixture; plan: Plan };
export type MemberFixture = { userId: string; email: string; name: string; cookie: string };
export type AddMemberOptions = {
  as?: MemberFixture;
  email?: string;
  name?: string;
  role?: OrgRole;
  teamId?: string;
  teamRole?: TeamRole;
  department?: string;
};

let counter = 0;
export function uniqueEmail(prefix = "person"): string {
  counter += 1;
  return `${prefix}.${counter}.${Math.random().toString(36).slice(2, 7)}@example.com`;
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find(
    (c) => c.name === "gatehouse_session" || c.name === "__Host-gatehouse_session",
  );
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

export function tokenFromUrl(inviteUrl: string): string {
  const token = new URL(inviteUrl).hash.replace(/^#token=/, "");
  if (!token) throw new Error(`no token in ${inviteUrl}`);
  return token;
}

export type TestAppOptions = {
  env?: Record<string, string>;
  database?: TestDatabase;
  /** Serve the built console from web/dist (browser tests). */
  withConsole?: boolean;
  /** "system" for browser tests: cookies must expire in real time. Default: a fixed clock. */
  clock?: "fixed" | "system";
  /** Host name resolution for webhook deliveries. Default: the system resolver. */
  hosts?: HostResolver;
};

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = {
    ...loadConfig({
      PUBLIC_URL,
      RATE_LIMIT_AUTH_PER_MINUTE: "100000",
      RATE_LIMIT_PUBLIC_PER_MINUTE: "100000",
      SECRET_KEY: "5e".repeat(32),
      // Webhook tests post to receivers on loopback; tests of the refusal turn it back off.
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      ...options.env,
    }),
    database: database.config,
  };
  if (!options.withConsole) config.webRoot = null;
  const clock = createFixedClock(options.clock === "system" ? new Date() : undefined);
  const deps = await openDeps(config, {
    clock: options.clock === "system" ? systemClock : clock,
    passwords: testHasher,
    ...(options.hosts && { hosts: options.hosts }),
  });
  const app = await buildApp(deps);
  await app.ready();

  const request = (opts: RequestOptions) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    const origin =
      opts.origin === undefined ? (opts.cookie ? config.publicUrl.origin : undefined) : opts.origin;
    if (origin) headers.origin = origin;
    return app.inject({
      method: opts.method,
      url: opts.url,
      headers,
      ...(opts.body !== undefined && { payload: opts.body as InjectOptions["payload"] }),
    });
  };

  const signIn = async (email: string, password = DEFAULT_PASSWORD) => {
    const response = await request({ method: "POST", url: "/api/v1/auth/login", body: { email, password } });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return cookieFrom(response);
  };

  const setupOrg: TestApp["setupOrg"] = async (setupOptions = {}) => {
    const adminEmail = setupOptions.adminEmail ?? uniqueEmail("admin");
    const plan = setupOptions.plan ?? "business";
    const result = await createOrganization(systemContext(deps, "cli"), {
      name: setupOptions.name ?? "Acme",
      plan,
      admin: { email: adminEmail, name: "Ada Admin", password: DEFAULT_PASSWORD },
    });
    const cookie = await signIn(adminEmail);
    return {
      orgId: result.org.id,
      defaultTeamId: result.org.defaultTeamId,
      plan,
      admin: { userId: result.admin.id, email: adminEmail, name: "Ada Admin", cookie },
    };
  };

  const addMember: TestApp["addMember"] = async (org, memberOptions) => {
    const email = memberOptions.email ?? uniqueEmail(memberOptions.role ?? "member");
    const name = memberOptions.name ?? "Pat Person";
    const invite = await request({
      method: "POST",
      url: `/api/v1/orgs/${org.orgId}/invitations`,
      cookie: (memberOptions.as ?? org.admin).cookie,
      body: {
        email,
        role: memberOptions.role ?? "member",
        ...(memberOptions.teamId && { teamId: memberOptions.teamId }),
        ...(memberOptions.teamRole && { teamRole: memberOptions.teamRole }),
        ...(memberOptions.department && { department: memberOptions.department }),
      },
    });
    if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
    const token = tokenFromUrl(invite.json().inviteUrl);
    const accept = await request({
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token, name, password: DEFAULT_PASSWORD },
    });
    if (accept.statusCode !== 200) throw new Error(`accept failed: ${accept.statusCode} ${accept.body}`);
    return { userId: accept.json().user.id, email, name, cookie: cookieFrom(accept) };
  };

  return {
    app,
    deps,
    clock,
    config,
    request,
    setupOrg,
    signIn,
    addMember,
    async close() {
      await app.close();
      await deps.close();
      await database.drop();
    },
  };
}
