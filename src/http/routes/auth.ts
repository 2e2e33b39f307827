import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { getMe } from "../../services/auth/get-me.js";
import { signIn } from "../../services/auth/sign-in.js";
import { signOut } from "../../services/auth/sign-out.js";
import { publicRoute, sessionRoute } from "../auth/route-auth.js";
import { clearSessionCookie, setSessionCookie } from "../auth/session-cookie.js";
import { errorResponse, noBody, noQuery, okResponse } from "../schemas/common.js";
import { meView, userView } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

export const authRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.post(
    "/api/v1/auth/login",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["Auth"],
        summary: "Sign in with email and password; sets the session cookie",
        body: z.strictObject({ email: z.string().max(320), password: z.string().min(1).max(1024) }),
        response: { 200: z.object({ user: userView }), default: errorResponse },
      },
    },
    async (request, reply) => {
      const { user, session } = await signIn(deps, {
        ...request.body,
        userAgent: request.headers["user-agent"] ?? null,
      });
      setSessionCookie(reply, deps.config, session);
      return { user };
    },
  );

  r.post(
    "/api/v1/auth/logout",
    {
      config: { auth: publicRoute("public") },
      schema: {
        tags: ["Auth"],
        summary: "End this session (safe to call when already signed out)",
        body: noBody,
        response: { 200: okResponse, default: errorResponse },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await signOut(deps, request.sessionToken);
      clearSessionCookie(reply, deps.config);
      return { ok: true as const };
    },
  );

  r.get(
    "/api/v1/me",
    {
      config: { auth: sessionRoute() },
      schema: {
        tags: ["Auth"],
        summary: "The signed-in user and their organizations, roles and teams",
        querystring: noQuery,
        response: { 200: meView, default: errorResponse },
      },
    },
    async (request) => {
      if (!request.user) throw new AppError("UNAUTHENTICATED");
      return getMe(deps, request.user.id);
    },
  );
};
