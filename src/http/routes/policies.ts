import { massUpdateRoutes } from "./mass-updates.js";
import { permissionSetRoutes } from "./permission-sets.js";
import { projectRoutes } from "./projects.js";
import type { RouteModule } from "./types.js";

/** Routes of the access rules: permission sets and their assignments, projects, mass permission updates. */
export const policyRoutes: RouteModule[] = [permissionSetRoutes, projectRoutes, massUpdateRoutes];
