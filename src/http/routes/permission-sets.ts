import { z } from "zod";
import { assignPermissionSet } from "../../services/permission-sets/assign-permission-set.js";
import { createPermissionSet } from "../../services/permission-sets/create-permission-set.js";
import { deletePermissionSet } from "../../services/permission-sets/delete-permission-set.js";
import { getPermissionSet } from "../../services/permission-sets/get-permission-set.js";
import { importPermissionSets } from "../../services/permission-sets/import-permission-sets.js";
import { listPermissionSetAssignments } from "../../services/permission-sets/list-permission-set-assignments.js";
import { listPermissionSets } from "../../services/permission-sets/list-permission-sets.js";
import { updatePermissionSet } from "../../services/permission-sets/update-permission-set.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, noQuery, orgParams, pageOf } from "../schemas/common.js";
import {
  assignmentsBody,
  assignmentsView,
  createPermissionSetBody,
  importPermissionSetsBody,
  importPermissionSetsResult,
  listPermissionSetsQuery,
  permissionSetView,
  updatePermissionSetBody,
} from "../schemas/policies.js";
import { type RouteModule, typed } from "./types.js";

const setParams = z.strictObject({ orgId: id, setId: id });
const tags = ["Permission sets"];

/**
 * The seed's department-specific permission sets. Every member reads the shared sets (they are the
 * org's rules); admins write them (the services ask the decision engine for policies:configure).
 */
export const permissionSetRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/permission-sets",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Permission sets in creation order (shared ones unless ?kind=personal)",
        params: orgParams,
        querystring: listPermissionSetsQuery,
        response: { 200: pageOf(permissionSetView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listPermissionSets(serviceContext(request, deps), {
        orgId: request.params.orgId,
        kind: request.query.kind,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/permission-sets",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Create a shared permission set from the seed's format for one set (admins)",
        params: orgParams,
        body: createPermissionSetBody,
        response: { 201: permissionSetView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createPermissionSet(serviceContext(request, deps), { ...request.params, ...request.body }),
        ),
  );

  r.put(
    "/api/v1/orgs/:orgId/permission-sets",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Upsert the seed's whole document of named sets by key, in one transaction (admins)",
        params: orgParams,
        body: importPermissionSetsBody,
        response: { 200: importPermissionSetsResult, default: errorResponse },
      },
    },
    (request) =>
      importPermissionSets(serviceContext(request, deps), {
        orgId: request.params.orgId,
        document: request.body,
      }),
  );

  r.get(
    "/api/v1/orgs/:orgId/permission-sets/:setId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "One permission set (a personal one: admins and its person)",
        params: setParams,
        querystring: noQuery,
        response: { 200: permissionSetView, default: errorResponse },
      },
    },
    (request) => getPermissionSet(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/permission-sets/:setId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Change a set's key, name, description or rules (admins); takes effect at the next check",
        params: setParams,
        body: updatePermissionSetBody,
        response: { 200: permissionSetView, default: errorResponse },
      },
    },
    (request) => updatePermissionSet(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/permission-sets/:setId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Delete a permission set and its assignments (admins)",
        params: setParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deletePermissionSet(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/permission-sets/:setId/assignments",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "The departments, teams and people a set applies to (not viewers: it names people)",
        params: setParams,
        querystring: noQuery,
        response: { 200: assignmentsView, default: errorResponse },
      },
    },
    (request) => listPermissionSetAssignments(serviceContext(request, deps), request.params),
  );

  r.put(
    "/api/v1/orgs/:orgId/permission-sets/:setId/assignments",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Replace who a shared set applies to: departments, teams, people (admins)",
        params: setParams,
        body: assignmentsBody,
        response: { 200: assignmentsView, default: errorResponse },
      },
    },
    (request) => assignPermissionSet(serviceContext(request, deps), { ...request.params, ...request.body }),
  );
};
