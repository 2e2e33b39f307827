import { agentRequestRoutes } from "./agent-requests.js";
import { agentRoutes } from "./agents.js";
import { contextFileRoutes } from "./context-files.js";
import { integrationRoutes } from "./integrations.js";
import { knowledgeBaseRoutes } from "./knowledge-bases.js";
import { modelRoutes } from "./models.js";
import { sharingRoutes } from "./sharing.js";
import { teamSpaceRoutes } from "./team-spaces.js";
import type { RouteModule } from "./types.js";

/**
 * Routes of the governed resources: agents (and their sharing and creation requests), context files,
 * knowledge bases, integrations (and their data-scope sharing), AI models, team spaces, and the seed's
 * sharing document.
 */
export const resourceRoutes: RouteModule[] = [
  agentRoutes,
  agentRequestRoutes,
  contextFileRoutes,
  knowledgeBaseRoutes,
  integrationRoutes,
  modelRoutes,
  teamSpaceRoutes,
  sharingRoutes,
];
