import * as client from "openid-client";
import type { OidcConnectionRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import type { Deps } from "../context.js";

/** Where every IdP sends people back; register it with the IdP. */
export function redirectUri(deps: Pick<Deps, "config">): string {
  return new URL("/api/v1/sso/callback", deps.config.publicUrl).toString();
}

/** http:// issuers are refused unless SSO_ALLOW_HTTP_ISSUERS is set and the host is loopback. */
function insecureAllowed(deps: Pick<Deps, "config">, issuer: URL): boolean {
  if (issuer.protocol === "https:") return false;
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
  return deps.config.sso.allowHttpIssuers && loopback;
}

export function parseIssuer(deps: Pick<Deps, "config">, issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AppError("VALIDATION_FAILED", {
      message: "The issuer must be a URL, e.g. https://login.example.com/realms/acme.",
      details: { fields: ["issuer"] },
    });
  }
  if (url.protocol !== "https:" && !insecureAllowed(deps, url)) {
    throw new AppError("VALIDATION_FAILED", {
      message:
        "The issuer must use https://. (For a test IdP on this machine, set SSO_ALLOW_HTTP_ISSUERS=true.)",
      details: { fields: ["issuer"] },
    });
  }
  return url;
}

export type ConnectionSettings = { issuer: string; clientId: string; clientSecret: string };

/**
 * Discovery: reads the issuer's /.well-known/openid-configuration. openid-client refuses metadata
 * whose `issuer` differs from the URL asked for (mix-up defence); both failures become SSO_DISCOVERY_FAILED
 * with what to check. The client's clock follows Gatehouse's, so ID token expiry uses the same time as
 * everything else.
 */
export async function discover(deps: Pick<Deps, "config" | "clock">, settings: ConnectionSettings) {
  const issuer = parseIssuer(deps, settings.issuer);
  const skewSeconds = Math.round((deps.clock.nowMs() - Date.now()) / 1000);
  try {
    return await client.discovery(
      issuer,
      settings.clientId,
      { client_secret: settings.clientSecret, [client.clockSkew]: skewSeconds },
      client.ClientSecretPost(settings.clientSecret),
      {
        timeout: 10,
        ...(insecureAllowed(deps, issuer) && { execute: [client.allowInsecureRequests] }),
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const mismatch = /issuer/i.test(reason) && /unexpected|mismatch|match/i.test(reason);
    throw new AppError("SSO_DISCOVERY_FAILED", {
      message: mismatch
        ? `The provider at ${settings.issuer} reports a different issuer in its discovery document. Use exactly the issuer it reports (check for a trailing slash or a realm path).`
        : `Could not read ${new URL(".well-known/openid-configuration", issuer.href.endsWith("/") ? issuer : `${issuer.href}/`).href}: ${reason}. Check the issuer URL and that Gatehouse can reach it.`,
      details: { issuer: settings.issuer },
    });
  }
}

/**
 * Which version of a connection a cached discovery belongs to: any saved change (on any instance)
 * changes the sealed secret (sealed afresh at every save) and usually updated_at.
 */
export function connectionVersion(row: OidcConnectionRow): string {
  const updated = row.updated_at as unknown;
  const at = updated instanceof Date ? updated.toISOString() : String(updated);
  return [row.issuer, row.client_id, at, row.client_secret_sealed].join("\n");
}

/** A client for one login: the cached (or freshly discovered) metadata, the clock skew of now. */
export type ConnectionClient = { config: client.Configuration; version: string };

/**
 * The connection's client configuration. Discovery runs only when this instance has no live cached
 * metadata for this version of the connection (see `OidcDiscoveryCache`); the client itself is built
 * per login (no network), so the ID token clock follows Gatehouse's clock at this moment. The signing
 * keys fetched by an earlier login are handed to it as well.
 */
export async function connectionClient(
  deps: Pick<Deps, "config" | "clock" | "sealer" | "oidcDiscovery">,
  row: OidcConnectionRow,
): Promise<ConnectionClient> {
  const version = connectionVersion(row);
  const settings = {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: deps.sealer.unseal(row.client_secret_sealed),
  };
  const server = await deps.oidcDiscovery.server(row.org_id, version, deps.clock.nowMs(), async () =>
    (await discover(deps, settings)).serverMetadata(),
  );
  const config = buildClient(deps, settings, server);
  const jwks = deps.oidcDiscovery.jwks(row.org_id, version);
  if (jwks) client.setJwksCache(config, jwks);
  return { config, version };
}

/** Keeps the signing keys a login fetched (or confirmed) for the next one. */
export function rememberSigningKeys(
  deps: Pick<Deps, "oidcDiscovery">,
  row: OidcConnectionRow,
  used: ConnectionClient,
): void {
  deps.oidcDiscovery.rememberJwks(row.org_id, used.version, client.getJwksCache(used.config));
}

/** Seeds the cache with what saving the connection just discovered. */
export function rememberDiscovery(
  deps: Pick<Deps, "clock" | "oidcDiscovery">,
  row: OidcConnectionRow,
  config: client.Configuration,
): void {
  deps.oidcDiscovery.put(row.org_id, connectionVersion(row), deps.clock.nowMs(), config.serverMetadata());
}

function buildClient(
  deps: Pick<Deps, "config" | "clock">,
  settings: ConnectionSettings,
  server: client.ServerMetadata,
): client.Configuration {
  const skewSeconds = Math.round((deps.clock.nowMs() - Date.now()) / 1000);
  const config = new client.Configuration(
    server,
    settings.clientId,
    { client_secret: settings.clientSecret, [client.clockSkew]: skewSeconds },
    client.ClientSecretPost(settings.clientSecret),
  );
  config.timeout = 10;
  if (insecureAllowed(deps, new URL(settings.issuer))) client.allowInsecureRequests(config);
  // The ID token's signature is checked against the provider's published keys (jwks_uri), not only
  // trusted because it came over TLS from the token endpoint.
  client.enableNonRepudiationChecks(config);
  return config;
}
