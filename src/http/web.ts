import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { AppError } from "../domain/errors.js";
import { errorBody } from "./errors.js";

/**
 * The console: the built Vite app, with every non-API GET that accepts HTML answered by its
 * index.html (client-side routes such as /invite and /settings/users).
 */
export async function registerWebConsole(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const hasConsole = webRoot !== null && existsSync(path.join(webRoot, "index.html"));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      maxAge: "1h",
      immutable: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith("/api/") || request.url.startsWith("/scim/");
    const wantsHtml = (request.headers.accept ?? "").includes("text/html");
    if (!isApi && hasConsole && (request.method === "GET" || request.method === "HEAD") && wantsHtml) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    const message =
      isApi || hasConsole
        ? `No route ${request.method} ${request.url.split("?")[0]}. See /api/v1/docs for the API.`
        : "The console is not built. Run `npm run build`, or use the API at /api/v1/docs.";
    return reply.status(404).send(errorBody(new AppError("NOT_FOUND", { message })));
  });
}
