import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A REAL OpenID Provider (the `oidc-provider` package) on loopback, for the SSO tests. It listens
 * behind a small front server, which is the issuer URL: the front server logs in `nextAccount` at the
 * interaction step (no browser), forwards everything else to the provider, and can misbehave on
 * purpose (lie about the issuer in discovery; answer the token request with another ID token).
 */
export type TestAccount = {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
};

export type TestOp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A second registered client (same redirect URI): ID tokens for it have another audience. */
  otherClientId: string;
  accounts: Map<string, TestAccount>;
  /** The account the next interaction signs in. */
  nextAccount: string;
  /** When set, the next token response carries this ID token instead of the provider's. */
  swapIdToken: string | null;
  /** When set, discovery reports this issuer instead of the real one. */
  lieAboutIssuer: string | null;
  /** Requests the provider received, by path (e.g. "/.well-known/openid-configuration", "/jwks"). */
  requests: Map<string, number>;
  /** Keys published in the JWKS besides the provider's own (a key rotation). */
  extraJwks: Record<string, unknown>[];
  /** When set, every token response's ID token is replaced by what this returns for it. */
  transformIdToken: ((idToken: string) => string) | null;
  /** Follows the browser's redirects from an authorization URL until they leave the provider. */
  authorize(url: string): Promise<URL>;
  /** The provider's own token endpoint, for tests that need a real token for the other client. */
  redeem(
    code: string,
    clientId: string,
    verifier: string,
    redirectUri: string,
  ): Promise<{ id_token: string }>;
  close(): Promise<void>;
};

export async function startTestOp(options: {
  redirectUri: string;
  idTokenTtlSeconds?: number;
}): Promise<TestOp> {
  const accounts = new Map<string, TestAccount>();
  const front = createServer();
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const clientSecret = "gatehouse-test-secret-0123456789abcdef";
  const client = (id: string) => ({
    client_id: id,
    client_secret: clientSecret,
    redirect_uris: [options.redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  });
  const configuration: Configuration = {
    clients: [client("gatehouse"), client("other-app")],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    conformIdTokenClaims: false,
    cookies: { keys: ["test-cookie-key-0123456789"] },
    ttl: { IdToken: options.idTokenTtlSeconds ?? 120 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: account.sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          groups: account.groups,
        }),
      };
    },
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      if (!accountId || !oidc.client) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // The front server forwards with X-Forwarded-Host, so the provider's absolute URLs name the issuer.
  provider.proxy = true;
  provider.on("server_error", (_ctx, error) => console.error("test OP server_error", error));
  const inner: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => inner.listen(0, "127.0.0.1", resolve));
  const innerUrl = `http://127.0.0.1:${(inner.address() as AddressInfo).port}`;

  const op: TestOp = {
    issuer,
    clientId: "gatehouse",
    clientSecret,
    otherClientId: "other-app",
    accounts,
    nextAccount: "",
    swapIdToken: null,
    lieAboutIssuer: null,
    requests: new Map(),
    extraJwks: [],
    transformIdToken: null,
    authorize: (url) => followToRedirectUri(url, options.redirectUri),
    async redeem(code, clientId, verifier, redirectUri) {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          client_id: clientId,
          client_secret: clientSecret,
          code_verifier: verifier,
          redirect_uri: redirectUri,
        }),
      });
      if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id_token: string };
    },
    async close() {
      await new Promise((resolve) => front.close(resolve));
      await new Promise((resolve) => inner.close(resolve));
    },
  };

  front.on("request", (req, res) => {
    handleFront(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  async function handleFront(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    op.requests.set(path, (op.requests.get(path) ?? 0) + 1);
    if (path.startsWith("/interaction/")) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        if (!accounts.has(op.nextAccount)) throw new Error(`test OP: unknown account ${op.nextAccount}`);
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: op.nextAccount } },
          {
            mergeWithLastSubmission: false,
          },
        );
        return;
      }
      const grant = new provider.Grant({
        clientId: String(details.params.client_id),
        accountId: String(details.session?.accountId),
      });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    const body = await readBody(req);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && key !== "host") headers.set(key, value);
    }
    headers.set("x-forwarded-host", new URL(issuer).host);
    headers.set("x-forwarded-proto", "http");
    const upstream = await fetch(`${innerUrl}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      redirect: "manual",
      ...(body.length > 0 && { body }),
    });
    let text = await upstream.text();
    if (path === "/.well-known/openid-configuration" && op.lieAboutIssuer) {
      text = JSON.stringify({ ...JSON.parse(text), issuer: op.lieAboutIssuer });
    }
    if (path === "/jwks" && op.extraJwks.length > 0 && upstream.ok) {
      const jwks = JSON.parse(text) as { keys: unknown[] };
      text = JSON.stringify({ keys: [...jwks.keys, ...op.extraJwks] });
    }
    if (path === "/token" && op.transformIdToken && upstream.ok) {
      const tokens = JSON.parse(text) as { id_token?: string };
      if (tokens.id_token)
        text = JSON.stringify({ ...tokens, id_token: op.transformIdToken(tokens.id_token) });
    }
    if (path === "/token" && op.swapIdToken && upstream.ok) {
      text = JSON.stringify({ ...JSON.parse(text), id_token: op.swapIdToken });
      op.swapIdToken = null;
    }
    res.statusCode = upstream.status;
    upstream.headers.forEach((value, key) => {
      if (
        !["content-length", "content-encoding", "transfer-encoding", "set-cookie", "connection"].includes(key)
      ) {
        res.setHeader(key, value);
      }
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    res.end(text);
  }

  return op;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A browser's redirect-following, with a cookie jar, until a redirect points at Gatehouse's callback. */
async function followToRedirectUri(start: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (!location)
      throw new Error(`test OP: no redirect from ${url.href} (${response.status}): ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error("test OP: too many redirects");
}
