import type { Permission } from "../../domain/permissions.js";

/**
 * Every API route declares who may call it; `buildApp` refuses to start when one does not, so no
 * route can be added without a decision about its access.
 * - public: anyone (rate-limited by IP with the given budget);
 * - session: any signed-in user;
 * - org: a member of `:orgId` holding `permission` (in `:teamId` when `teamScoped`).
 */
export type RouteAuth =
  | { kind: "public"; rateLimit: "auth" | "public" | "none" }
  | { kind: "session" }
  | { kind: "org"; permission: Permission; teamScoped?: boolean };

export const publicRoute = (rateLimit: "auth" | "public" | "none"): RouteAuth => ({
  kind: "public",
  rateLimit,
});
export const sessionRoute = (): RouteAuth => ({ kind: "session" });
export const orgRoute = (permission: Permission, options: { teamScoped?: boolean } = {}): RouteAuth => ({
  kind: "org",
  permission,
  ...options,
});
