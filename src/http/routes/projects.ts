import { z } from "zod";
import { createProject } from "../../services/projects/create-project.js";
import { deleteProject } from "../../services/projects/delete-project.js";
import { endProject } from "../../services/projects/end-project.js";
import { extendProject } from "../../services/projects/extend-project.js";
import { getProject } from "../../services/projects/get-project.js";
import { listProjects } from "../../services/projects/list-projects.js";
import { updateProject } from "../../services/projects/update-project.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, noBody, noQuery, orgParams, pageOf } from "../schemas/common.js";
import {
  createProjectBody,
  extendProjectBody,
  listProjectsQuery,
  projectView,
  updateProjectBody,
} from "../schemas/policies.js";
import { type RouteModule, typed } from "./types.js";

const projectParams = z.strictObject({ orgId: id, projectId: id });
const tags = ["Projects"];

/**
 * The seed's project-based access (Project Alpha): time-boxed bundles of members and resources. Admins
 * manage them; members read the ones they are in.
 */
export const projectRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/projects",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Projects in creation order: all of them for admins, one's own for anyone else",
        params: orgParams,
        querystring: listProjectsQuery,
        response: { 200: pageOf(projectView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listProjects(serviceContext(request, deps), {
        orgId: request.params.orgId,
        status: request.query.status ?? null,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/projects",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Create a project that ends by itself after a duration or at endsAt (admins)",
        params: orgParams,
        body: createProjectBody,
        response: { 201: projectView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createProject(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/projects/:projectId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "One project, with its status and time remaining (admins and its members)",
        params: projectParams,
        querystring: noQuery,
        response: { 200: projectView, default: errorResponse },
      },
    },
    (request) => getProject(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/projects/:projectId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Rename a project or replace its members or resources (admins)",
        params: projectParams,
        body: updateProjectBody,
        response: { 200: projectView, default: errorResponse },
      },
    },
    (request) => updateProject(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/projects/:projectId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "Delete a project and the access it gave (admins)",
        params: projectParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteProject(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/projects/:projectId/extend",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary:
          "Push a project's end out by a duration or to a later date; brings an ended one back (admins)",
        params: projectParams,
        body: extendProjectBody,
        response: { 200: projectView, default: errorResponse },
      },
    },
    (request) => extendProject(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.post(
    "/api/v1/orgs/:orgId/projects/:projectId/end",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags,
        summary: "End a project now: its access stops at the next check (admins)",
        params: projectParams,
        body: noBody,
        response: { 200: projectView, default: errorResponse },
      },
    },
    (request) => endProject(serviceContext(request, deps), request.params),
  );
};
