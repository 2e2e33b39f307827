import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  ENTERPRISE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
  GROUP_SCHEMA,
  GROUP_SCHEMA_DEFINITION,
  LIST_RESPONSE_SCHEMA,
  type SchemaDefinition,
  USER_SCHEMA,
  USER_SCHEMA_DEFINITION,
} from "../../domain/scim/schemas.js";
import { isScimError, ScimError, scimErrorBody } from "../../domain/scim/scim-error.js";
import type { Deps } from "../../services/context.js";
import { createScimGroup } from "../../services/scim/create-scim-group.js";
import { createScimUser } from "../../services/scim/create-scim-user.js";
import { deleteScimGroupById } from "../../services/scim/delete-scim-group.js";
import { deleteScimUserById } from "../../services/scim/delete-scim-user.js";
import { getScimGroup, listScimGroupsPage } from "../../services/scim/list-scim-groups.js";
import { getScimUser, listScimUsersPage } from "../../services/scim/list-scim-users.js";
import { recordScimRequest } from "../../services/scim/record-scim-request.js";
import {
  type ListQuery,
  MAX_RESULTS,
  type ScimCaller,
  toScimError,
} from "../../services/scim/scim-shared.js";
import { resolveScimToken, scimBaseUrl } from "../../services/scim/scim-tokens.js";
import { patchScimGroup, replaceScimGroup } from "../../services/scim/update-scim-group.js";
import { patchScimUser, replaceScimUser } from "../../services/scim/update-scim-user.js";
import type { RouteModule } from "./types.js";

declare module "fastify" {
  interface FastifyRequest {
    scimCaller: ScimCaller | null;
    scimError: ScimError | null;
  }
}

export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

function caller(request: FastifyRequest): ScimCaller {
  if (!request.scimCaller) throw new ScimError(401, "Authentication required.");
  return request.scimCaller;
}

function asScimError(request: FastifyRequest, error: unknown): ScimError {
  const translated = toScimError(error);
  if (isScimError(translated)) return translated;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ScimError(415, "Send the body as application/scim+json (or application/json).");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ScimError(413, "The body is larger than 1 MiB.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ScimError(400, "The body is not valid JSON.", "invalidSyntax");
  }
  if (fastifyError instanceof SyntaxError || fastifyError.statusCode === 400) {
    return new ScimError(400, "The body is not valid JSON.", "invalidSyntax");
  }
  request.log.error({ err: error }, "SCIM request failed");
  return new ScimError(500, "Gatehouse could not complete the request. It has been logged; retry later.");
}

function schemaResource(definition: SchemaDefinition, base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: definition.id,
    name: definition.name,
    description: definition.description,
    attributes: definition.attributes,
    meta: { resourceType: "Schema", location: `${base}/Schemas/${definition.id}` },
  };
}

function resourceTypes(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "Members of the organization",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Directory groups, mapped to roles, teams and departments by the group mapping",
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
    },
  ];
}

const listOf = (items: unknown[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: items.length,
  startIndex: 1,
  itemsPerPage: items.length,
  Resources: items,
});

/**
 * The SCIM 2.0 service provider (RFC 7643/7644) at /scim/v2: `Authorization: Bearer <SCIM token>`,
 * the org is the token's. Bodies are `application/scim+json` or `application/json`; every answer,
 * errors included, is a SCIM body in `application/scim+json`. Every authenticated request is written
 * to the provisioning log.
 */
export const scimRoutes: RouteModule = (app: FastifyInstance, deps: Deps) => {
  const base = scimBaseUrl(deps);
  app.register(
    async (scope) => {
      scope.decorateRequest("scimCaller", null);
      scope.decorateRequest("scimError", null);
      scope.addContentTypeParser(
        "application/scim+json",
        { parseAs: "string" },
        scope.getDefaultJsonParser("error", "error"),
      );

      scope.setErrorHandler((error, request, reply) => {
        const scimError = asScimError(request, error);
        request.scimError = scimError;
        if (scimError.status === 401) reply.header("www-authenticate", 'Bearer realm="gatehouse-scim"');
        return send(reply, scimError.status, scimErrorBody(scimError));
      });
      scope.setNotFoundHandler((request, reply) => {
        const error = new ScimError(404, `No SCIM endpoint ${request.method} ${request.url.split("?")[0]}.`);
        request.scimError = error;
        return send(reply, 404, scimErrorBody(error));
      });

      scope.addHook("onRequest", async (request) => {
        const header = request.headers.authorization ?? "";
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1]) {
          throw new ScimError(401, "Send the SCIM token as Authorization: Bearer <token>.");
        }
        const resolved = await resolveScimToken(deps, match[1]);
        if (!resolved) {
          throw new ScimError(
            401,
            "The SCIM token is not valid: it is unknown, revoked or expired. Create a new one in Gatehouse under Settings → SCIM.",
          );
        }
        request.scimCaller = { ...resolved, baseUrl: base };
      });

      scope.addHook("onResponse", async (request, reply) => {
        const who = request.scimCaller;
        if (!who) return;
        try {
          await recordScimRequest(deps, {
            orgId: who.orgId,
            tokenPrefix: who.tokenPrefix,
            method: request.method,
            path: request.url.replace(/^\/scim\/v2/, ""),
            status: reply.statusCode,
            scimType: request.scimError?.scimType ?? null,
            detail: request.scimError?.message ?? null,
            durationMs: Math.round(reply.elapsedTime),
          });
        } catch (error) {
          request.log.warn({ err: error }, "could not write the SCIM provisioning log");
        }
      });

      const hide = { schema: { hide: true } };
      type Id = { Params: { id: string } };
      type Query = { Querystring: ListQuery };

      scope.get("/ServiceProviderConfig", hide, async (_request, reply) =>
        send(reply, 200, {
          schemas: [SPC_SCHEMA],
          documentationUri: new URL("/api/v1/docs", deps.config.publicUrl).toString(),
          patch: { supported: true },
          bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
          filter: { supported: true, maxResults: MAX_RESULTS },
          changePassword: { supported: false },
          sort: { supported: false },
          etag: { supported: false },
          authenticationSchemes: [
            {
              type: "oauthbearertoken",
              name: "OAuth Bearer Token",
              description: "A SCIM token created in Gatehouse under Settings → SCIM.",
              primary: true,
            },
          ],
          meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
        }),
      );
      scope.get("/ResourceTypes", hide, async (_request, reply) =>
        send(reply, 200, listOf(resourceTypes(base))),
      );
      scope.get<Id>("/ResourceTypes/:id", hide, async (request, reply) => {
        const found = resourceTypes(base).find((t) => t.id === request.params.id);
        if (!found) throw new ScimError(404, `No resource type ${request.params.id}: use User or Group.`);
        return send(reply, 200, found);
      });
      const definitions = [
        USER_SCHEMA_DEFINITION,
        ENTERPRISE_USER_SCHEMA_DEFINITION,
        GROUP_SCHEMA_DEFINITION,
      ];
      scope.get("/Schemas", hide, async (_request, reply) =>
        send(reply, 200, listOf(definitions.map((d) => schemaResource(d, base)))),
      );
      scope.get<Id>("/Schemas/:id", hide, async (request, reply) => {
        const found = definitions.find((d) => d.id === request.params.id);
        if (!found) throw new ScimError(404, `No schema ${request.params.id}.`);
        return send(reply, 200, schemaResource(found, base));
      });

      const created = (reply: FastifyReply, body: Record<string, unknown>) => {
        const meta = body.meta as { location: string };
        reply.header("location", meta.location);
        return send(reply, 201, body);
      };

      scope.get<Query>("/Users", hide, async (request, reply) =>
        send(reply, 200, await listScimUsersPage(deps, caller(request), request.query)),
      );
      scope.get<Id & Query>("/Users/:id", hide, async (request, reply) =>
        send(reply, 200, await getScimUser(deps, caller(request), request.params.id, request.query)),
      );
      scope.post("/Users", hide, async (request, reply) =>
        created(reply, await createScimUser(deps, caller(request), request.body)),
      );
      scope.put<Id>("/Users/:id", hide, async (request, reply) =>
        send(reply, 200, await replaceScimUser(deps, caller(request), request.params.id, request.body)),
      );
      scope.patch<Id>("/Users/:id", hide, async (request, reply) =>
        send(reply, 200, await patchScimUser(deps, caller(request), request.params.id, request.body)),
      );
      scope.delete<Id>("/Users/:id", hide, async (request, reply) => {
        await deleteScimUserById(deps, caller(request), request.params.id);
        return reply.status(204).send();
      });

      scope.get<Query>("/Groups", hide, async (request, reply) =>
        send(reply, 200, await listScimGroupsPage(deps, caller(request), request.query)),
      );
      scope.get<Id & Query>("/Groups/:id", hide, async (request, reply) =>
        send(reply, 200, await getScimGroup(deps, caller(request), request.params.id, request.query)),
      );
      scope.post("/Groups", hide, async (request, reply) =>
        created(reply, await createScimGroup(deps, caller(request), request.body)),
      );
      scope.put<Id>("/Groups/:id", hide, async (request, reply) =>
        send(reply, 200, await replaceScimGroup(deps, caller(request), request.params.id, request.body)),
      );
      scope.patch<Id>("/Groups/:id", hide, async (request, reply) =>
        send(reply, 200, await patchScimGroup(deps, caller(request), request.params.id, request.body)),
      );
      scope.delete<Id>("/Groups/:id", hide, async (request, reply) => {
        await deleteScimGroupById(deps, caller(request), request.params.id);
        return reply.status(204).send();
      });
    },
    { prefix: "/scim/v2" },
  );
};
