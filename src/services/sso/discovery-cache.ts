import type { ExportedJWKSCache, ServerMetadata } from "openid-client";

/**
 * What discovery found for one OIDC connection, held in this instance's memory so a login does not
 * read /.well-known/openid-configuration (nor the JWKS) every time.
 *
 * An entry belongs to one version of the connection (issuer, client, sealed secret, updated_at): a
 * saved change, on this instance or another, makes a new version and the old entry is never used
 * again. Entries live `ttlMs` (SSO_DISCOVERY_CACHE_SECONDS), so a provider's new endpoints are seen
 * within that time. Concurrent logins share one discovery request. Failures are not cached.
 */
export type OidcDiscoveryCache = {
  /** The server metadata for this version of the connection: cached, or `discover()`'s. */
  server(
    connectionId: string,
    version: string,
    nowMs: number,
    discover: () => Promise<ServerMetadata>,
  ): Promise<ServerMetadata>;
  /** Seeds the entry with metadata discovered elsewhere (saving the connection runs discovery). */
  put(connectionId: string, version: string, nowMs: number, server: ServerMetadata): void;
  /** The provider's signing keys last fetched for this version, if any. */
  jwks(connectionId: string, version: string): ExportedJWKSCache | undefined;
  rememberJwks(connectionId: string, version: string, jwks: ExportedJWKSCache | undefined): void;
  /** Forgets the connection (saved, removed, or its keys rotated). */
  evict(connectionId: string): void;
};

type Entry = {
  version: string;
  expiresAt: number;
  server: Promise<ServerMetadata>;
  jwks: ExportedJWKSCache | undefined;
};

export function createOidcDiscoveryCache(ttlMs: number): OidcDiscoveryCache {
  const entries = new Map<string, Entry>();
  const live = (connectionId: string, version: string, nowMs?: number): Entry | undefined => {
    const entry = entries.get(connectionId);
    if (!entry || entry.version !== version) return undefined;
    if (nowMs !== undefined && entry.expiresAt <= nowMs) return undefined;
    return entry;
  };
  const sweep = (nowMs: number) => {
    for (const [id, entry] of entries) if (entry.expiresAt <= nowMs) entries.delete(id);
  };
  return {
    server(connectionId, version, nowMs, discover) {
      const cached = live(connectionId, version, nowMs);
      if (cached) return cached.server;
      sweep(nowMs);
      const entry: Entry = { version, expiresAt: nowMs + ttlMs, server: discover(), jwks: undefined };
      entries.set(connectionId, entry);
      entry.server.catch(() => {
        if (entries.get(connectionId) === entry) entries.delete(connectionId);
      });
      return entry.server;
    },
    put(connectionId, version, nowMs, server) {
      sweep(nowMs);
      entries.set(connectionId, {
        version,
        expiresAt: nowMs + ttlMs,
        server: Promise.resolve(server),
        jwks: undefined,
      });
    },
    jwks(connectionId, version) {
      return live(connectionId, version)?.jwks;
    },
    rememberJwks(connectionId, version, jwks) {
      const entry = live(connectionId, version);
      if (entry && jwks) entry.jwks = jwks;
    },
    evict(connectionId) {
      entries.delete(connectionId);
    },
  };
}
