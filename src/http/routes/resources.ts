import type { RouteModule } from "./types.js";

/**
 * Routes of the governed resources: agents (and their sharing and creation requests), context files,
 * knowledge bases, integrations (and their data-scope sharing), AI models, team spaces.
 */
export const resourceRoutes: RouteModule[] = [];
