import type { RouteModule } from "./types.js";

/** Routes of the access rules: permission sets and their assignments, projects, mass permission updates. */
export const policyRoutes: RouteModule[] = [];
