import { z } from "zod";
import { getOrganization } from "../../services/orgs/get-organization.js";
import { updateOrganization } from "../../services/orgs/update-organization.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, noQuery, orgParams, plan } from "../schemas/common.js";
import { orgView } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

export const orgRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Organizations"],
        summary: "An organization, its plan and seats",
        params: orgParams,
        querystring: noQuery,
        response: { 200: orgView, default: errorResponse },
      },
    },
    (request) => getOrganization(serviceContext(request, deps), request.params.orgId),
  );

  r.patch(
    "/api/v1/orgs/:orgId",
    {
      config: { auth: orgRoute("org:update") },
      schema: {
        tags: ["Organizations"],
        summary: "Rename, change plan or seat limit (admins)",
        params: orgParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          plan: plan.optional(),
          seatLimit: z
            .number()
            .int()
            .min(1)
            .max(1_000_000)
            .nullable()
            .optional()
            .describe("null: the plan's default"),
        }),
        response: { 200: orgView, default: errorResponse },
      },
    },
    (request) =>
      updateOrganization(serviceContext(request, deps), { orgId: request.params.orgId, ...request.body }),
  );
};
