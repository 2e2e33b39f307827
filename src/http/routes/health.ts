import { sql } from "kysely";
import type { Registry } from "prom-client";
import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { publicRoute } from "../auth/route-auth.js";
import { errorBody } from "../errors.js";
import { errorResponse } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

/** Liveness, readiness and Prometheus metrics, outside /api so load balancers need no credentials. */
export function healthRoutes(metrics: Registry): RouteModule {
  return (app, deps) => {
    const r = typed(app);
    const hidden = { hide: true };

    r.get("/healthz", { config: { auth: publicRoute("none") }, schema: hidden }, () => ({ status: "ok" }));

    r.get(
      "/readyz",
      {
        config: { auth: publicRoute("none") },
        schema: {
          ...hidden,
          response: { 200: z.object({ status: z.literal("ready") }), 503: errorResponse },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(deps.db);
          return { status: "ready" as const };
        } catch (error) {
          reply.log.warn({ err: error }, "database not reachable");
          return reply
            .status(503)
            .send(
              errorBody(new AppError("SERVICE_UNAVAILABLE", { message: "The database is not reachable." })),
            );
        }
      },
    );

    r.get("/metrics", { config: { auth: publicRoute("none") }, schema: hidden }, async (_request, reply) => {
      reply.header("content-type", metrics.contentType);
      return metrics.metrics();
    });
  };
}
