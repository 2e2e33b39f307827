import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { publicRoute } from "./auth/route-auth.js";

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** OpenAPI 3.1 from the routes' own zod schemas; routes that need a session say so in `security`. */
export async function registerOpenApi(app: FastifyInstance, cookieName: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Gatehouse API",
        version: "1",
        description:
          "Team access for AI workspaces. Errors are `{ error: { code, message } }`; lists are `{ items, nextCursor }`. Writes signed in with the session cookie must send an `Origin` header matching PUBLIC_URL.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: cookieName },
          apiKey: {
            type: "http",
            scheme: "bearer",
            description:
              "An API key: Authorization: Bearer gh_…. Any key of the org may ask the decision API; an unscoped personal key also acts as its owner on the organization's other routes.",
          },
        },
      },
    },
    transform: (input: TransformInput) => {
      const output = jsonSchemaTransform(input);
      const route = (input as { route?: { config?: { auth?: { kind: string } } } }).route;
      const auth = route?.config?.auth;
      if (auth && auth.kind !== "public" && output.schema) {
        (output.schema as Record<string, unknown>).security =
          auth.kind === "session" ? [{ session: [] }] : [{ apiKey: [] }, { session: [] }];
      }
      return output;
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/v1/docs", staticCSP: true });
  app.get(
    "/api/v1/openapi.json",
    { config: { auth: publicRoute("none") }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
