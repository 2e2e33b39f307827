import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { completeSignup } from "../../services/auth/complete-signup.js";
import { getMe } from "../../services/auth/get-me.js";
import { getSignupAvailability } from "../../services/auth/get-signup-availability.js";
import { signIn } from "../../services/auth/sign-in.js";
import { signOut } from "../../services/auth/sign-out.js";
import { startSignup } from "../../services/auth/start-signup.js";
import { publicRoute, sessionRoute } from "../auth/route-auth.js";
import { clearSessionCookie, setSessionCookie } from "../auth/session-cookie.js";
import {
  email,
  errorResponse,
  noBody,
  noQuery,
  okResponse,
  orgRole,
  password,
  personName,
} from "../schemas/common.js";
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

  r.get(
    "/api/v1/auth/signup",
    {
      config: { auth: publicRoute("public") },
      schema: {
        tags: ["Auth"],
        summary: "Whether 'Join your team' (sign-up with a work email) works on this server: it needs email",
        querystring: noQuery,
        response: { 200: z.object({ available: z.boolean() }), default: errorResponse },
      },
    },
    () => getSignupAvailability(deps),
  );

  r.post(
    "/api/v1/auth/signup",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["Auth"],
        summary:
          "Join your team: mails a one-time sign-up link when an org has verified the email's domain (the same answer either way)",
        body: z.strictObject({ email }),
        response: { 202: z.object({ message: z.string() }), default: errorResponse },
      },
    },
    async (request, reply) => {
      await startSignup(deps, request.body);
      reply.code(202);
      return {
        message:
          "If your organization lets people join with this email, we sent a link to it. Open it within 24 hours to create your account.",
      };
    },
  );

  r.post(
    "/api/v1/auth/signup/complete",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["Auth"],
        summary:
          "Use the emailed sign-up link: create the account (name + password), join or ask to join the org, sign in",
        body: z.strictObject({ token: z.string().min(1).max(100), name: personName, password }),
        response: {
          200: z.object({
            user: userView,
            joins: z.array(
              z.object({
                orgId: z.string(),
                orgName: z.string(),
                outcome: z
                  .enum(["joined", "requested", "no_seat"])
                  .describe(
                    "joined: a member now; requested: a join request waits for an admin; no_seat: no free seat, so a join request was filed",
                  ),
                role: orgRole,
              }),
            ),
          }),
          default: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await completeSignup(deps, {
        ...request.body,
        userAgent: request.headers["user-agent"] ?? null,
      });
      setSessionCookie(reply, deps.config, result.session);
      return { user: result.user, joins: result.joins };
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
