import type { Config } from "../config.js";
import type { Db, Dialect } from "../db/client.js";
import type { AccessEngine } from "../decisions/access-engine.js";
import type { KeyUsage } from "../decisions/key-usage.js";
import type { AuditSource } from "../domain/audit.js";
import type { OrgAccess } from "../domain/permissions.js";
import type { Clock } from "../lib/clock.js";
import type { PasswordHasher } from "../security/passwords.js";
import type { Sealer } from "../security/sealing.js";
import type { OidcDiscoveryCache } from "./sso/discovery-cache.js";

/** What every use case may depend on; built once per process (or per test). */
export type Deps = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  passwords: PasswordHasher;
  /** Compiled access policies per org: what decisions (and registry permission checks) read. */
  policies: AccessEngine;
  /** API keys' "last used", written in the background. */
  keyUsage: KeyUsage;
  /** Seals secrets Gatehouse must read back (OIDC client secrets, links a reminder re-sends). */
  sealer: Sealer;
  /** DNS TXT lookups (domain verification); `node:dns/promises` in production, a test resolver in tests. */
  dns: DnsResolver;
  /** Discovered OIDC provider metadata and signing keys per connection, in this instance's memory. */
  oidcDiscovery: OidcDiscoveryCache;
  /**
   * Host name → addresses for outgoing calls to user-given URLs (webhooks), checked before connecting
   * and then pinned; `node:dns/promises` lookup in production, a test resolver in tests.
   */
  hosts: HostResolver;
};

/** Resolves TXT records: one string[] of chunks per record; rejects with ENOTFOUND / ENODATA like node:dns. */
export type DnsResolver = { resolveTxt(name: string): Promise<string[][]> };

/** Every address of a host name, as the system resolver gives them; rejects with ENOTFOUND like node:dns. */
export type HostResolver = { lookup(hostname: string): Promise<ResolvedAddress[]> };
export type ResolvedAddress = { address: string; family: 4 | 6 };

/**
 * Who is acting. A user acts through the console or the API (`apiKeyId`: by their personal key); the system acts through the CLI and
 * scheduled jobs and holds every permission (the operator already owns the machine).
 */
export type Actor =
  | { kind: "user"; userId: string; source: AuditSource; apiKeyId?: string }
  | { kind: "system"; source: AuditSource };

export type ServiceContext = Deps & {
  actor: Actor;
  /** The acting user's access in the org the use case is about; null for the system or outside an org. */
  access: OrgAccess | null;
};

export function systemContext(deps: Deps, source: AuditSource = "cli"): ServiceContext {
  return { ...deps, actor: { kind: "system", source }, access: null };
}

export function actorUserId(ctx: ServiceContext): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.userId : null;
}

export function nowIso(ctx: Pick<Deps, "clock">): string {
  return ctx.clock.now().toISOString();
}
