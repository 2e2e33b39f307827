import type { Permission } from "../../domain/permissions.js";

/**
 * Every API route declares who may call it; `buildApp` refuses to start when one does not, so no
 * route can be added without a decision about its access.
 * - public: anyone (rate-limited by IP with the given budget);
 * - session: any signed-in user;
 * - org: a member of `:orgId` holding `permission` (in `:teamId` when `teamScoped`);
 * - decision: a member of `:orgId` by session, or an API key of that org (see decision-caller.ts).
 */
export type RouteAuth =
  | { kind: "public"; rateLimit: "auth" | "public" | "none" }
  /** The decision API: a session or an API key (Authorization: Bearer gh_…), resolved from the engine's cache. */
  | { kind: "decision" }
  | { kind: "session" }
  | { kind: "org"; permission: Permission; teamScoped?: boolean };

export const publicRoute = (rateLimit: "auth" | "public" | "none"): RouteAuth => ({
  kind: "public",
  rateLimit,
});
export const sessionRoute = (): RouteAuth => ({ kind: "session" });
export const decisionRoute = (): RouteAuth => ({ kind: "decision" });
export const orgRoute = (permission: Permission, options: { teamScoped?: boolean } = {}): RouteAuth => ({
  kind: "org",
  permission,
  ...options,
});
