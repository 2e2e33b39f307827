import { z } from "zod";
import { ACTIONS, SEED_DENIALS } from "../../domain/access/catalog.js";
import { publicRoute } from "../auth/route-auth.js";
import { type RouteModule, typed } from "./types.js";

/** The capability table: every action, what it is about, and which roles may ever do it. */
export const capabilityRoutes: RouteModule = (app) => {
  const r = typed(app);
  r.get(
    "/api/v1/capabilities",
    {
      config: { auth: publicRoute("public") },
      schema: {
        tags: ["Decisions"],
        summary: "Every action the decision API knows, with its resource type and the roles that may do it",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                action: z.string(),
                resource: z.string(),
                group: z.string(),
                roles: z.array(z.string()),
                teamRoles: z.array(z.string()),
                seed: z.string(),
              }),
            ),
            denials: z.array(z.object({ role: z.string(), seed: z.string(), actions: z.array(z.string()) })),
          }),
        },
      },
    },
    () => ({
      items: Object.entries(ACTIONS).map(([action, spec]) => ({
        action,
        resource: spec.resource,
        group: spec.group,
        roles: [...spec.roles],
        teamRoles: [...(("teamRoles" in spec ? spec.teamRoles : []) as readonly string[])],
        seed: spec.seed,
      })),
      denials: SEED_DENIALS.map((d) => ({ role: d.role, seed: d.seed, actions: [...d.actions] })),
    }),
  );
};
