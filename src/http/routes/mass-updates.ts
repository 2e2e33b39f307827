import { updatePermissions } from "../../services/mass-updates/update-permissions.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, orgParams } from "../schemas/common.js";
import { massUpdateBody, massUpdateResult } from "../schemas/policies.js";
import { type RouteModule, typed } from "./types.js";

/** The seed's bulk permission update: a dry run by default, applied in one transaction on request. */
export const massUpdateRoutes: RouteModule = (app, deps) => {
  typed(app).post(
    "/api/v1/orgs/:orgId/permissions/mass-update",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Permission sets"],
        summary:
          'Update the permissions of everyone a filter matches (admins). {"operation": "update_permissions", filter, changes, dryRun}; dryRun defaults to true',
        params: orgParams,
        body: massUpdateBody,
        response: { 200: massUpdateResult, default: errorResponse },
      },
    },
    (request) =>
      updatePermissions(serviceContext(request, deps), {
        orgId: request.params.orgId,
        filter: request.body.filter,
        changes: request.body.changes,
        dryRun: request.body.dryRun,
      }),
  );
};
