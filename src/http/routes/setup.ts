import { z } from "zod";
import { completeSetup } from "../../services/setup/complete-setup.js";
import { getSetupStatus } from "../../services/setup/get-setup-status.js";
import { publicRoute } from "../auth/route-auth.js";
import { setSessionCookie } from "../auth/session-cookie.js";
import { email, errorResponse, id, noQuery, password, personName, plan } from "../schemas/common.js";
import { userView } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

export const setupRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/setup",
    {
      config: { auth: publicRoute("public") },
      schema: {
        tags: ["Setup"],
        summary: "Whether this instance still needs its first organization",
        querystring: noQuery,
        response: { 200: z.object({ required: z.boolean() }) },
      },
    },
    () => getSetupStatus(deps),
  );

  r.post(
    "/api/v1/setup",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["Setup"],
        summary: "Create the first organization and its admin (with the token from the printed setup link)",
        body: z.strictObject({
          token: z.string().min(1).max(100),
          orgName: z.string().trim().min(1).max(100),
          plan,
          adminEmail: email,
          adminName: personName,
          adminPassword: password,
        }),
        response: {
          201: z.object({ org: z.object({ id, name: z.string(), plan, defaultTeamId: id }), user: userView }),
          default: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { token, ...rest } = request.body;
      const result = await completeSetup(
        { ...deps, actor: { kind: "system", source: "console" }, access: null },
        { ...rest, setupToken: token, startSessionFor: { userAgent: request.headers["user-agent"] ?? null } },
      );
      if (result.session) setSessionCookie(reply, deps.config, result.session);
      return reply.status(201).send({ org: result.org, user: result.admin });
    },
  );
};
