// oidc-provider ships no types and @types/oidc-provider is not installed: the little the test harness uses.
declare module "oidc-provider" {
  import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

  export type Account = { accountId: string; claims(): Promise<Record<string, unknown>> };
  export type GrantInstance = {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
  export type OidcContext = {
    oidc: {
      provider: Provider;
      session?: { accountId?: string };
      client?: { clientId: string };
    };
  };
  export type Configuration = {
    clients: Record<string, unknown>[];
    pkce?: { required: () => boolean };
    scopes?: string[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys: string[] };
    ttl?: Record<string, number>;
    features?: Record<string, { enabled: boolean }>;
    interactions?: { url: (ctx: unknown, interaction: { uid: string }) => string };
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
    loadExistingGrant?(ctx: OidcContext): Promise<GrantInstance | undefined>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    Grant: new (init: {
      clientId: string;
      accountId: string;
    }) => GrantInstance;
    callback(): RequestListener;
    on(event: string, listener: (ctx: unknown, error: unknown) => void): void;
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<{
      prompt: { name: string };
      params: Record<string, unknown>;
      session?: { accountId?: string };
    }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options: { mergeWithLastSubmission: boolean },
    ): Promise<void>;
  }
}
