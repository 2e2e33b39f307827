import { z } from "zod";
import { DOMAIN_MODES } from "../../domain/identity/domains.js";
import { claimDomain } from "../../services/domains/claim-domain.js";
import { getDomain } from "../../services/domains/get-domain.js";
import { listDomains } from "../../services/domains/list-domains.js";
import { removeDomain } from "../../services/domains/remove-domain.js";
import { updateDomain } from "../../services/domains/update-domain.js";
import { verifyDomain } from "../../services/domains/verify-domain.js";
import { decideJoinRequest } from "../../services/join-requests/decide-join-request.js";
import { listJoinRequests } from "../../services/join-requests/list-join-requests.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, okResponse, orgParams, orgRole, timestamp } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const mode = z.enum(DOMAIN_MODES);
const departments = z
  .record(z.string(), orgRole)
  .describe('Department -> role for people joining through the domain, e.g. {"leadership": "admin"}');

/** Both the mixus seed's snake_case configuration and Gatehouse's camelCase; the service reconciles them. */
const settingsFields = {
  mode: mode.optional().describe("off: nobody joins; auto: join at once; approval: an admin approves"),
  defaultRole: orgRole.optional(),
  departments: departments.optional(),
  includeSubdomains: z.boolean().optional().describe("Also match emails at sub.example.com"),
  requireSso: z.boolean().optional().describe("Refuse password sign-in for emails at the domain"),
  auto_invite: z.boolean().optional().describe("Seed shape: true -> auto (or approval), false -> off"),
  require_admin_approval: z.boolean().optional().describe("Seed shape: with auto_invite, approval"),
  default_role: orgRole.optional().describe("Seed shape of defaultRole"),
  include_subdomains: z.boolean().optional(),
  require_sso: z.boolean().optional(),
};
const claimBody = z.strictObject({
  domain: z.string().min(1).max(300).describe("The domain, e.g. example.com (IDNs are accepted)"),
  ...settingsFields,
});
const updateBody = z.strictObject({ domain: z.string().max(300).optional(), ...settingsFields });

const domainView = z.object({
  id: z.string(),
  domain: z.string(),
  verified: z.boolean(),
  verifiedAt: timestamp.nullable(),
  mode,
  defaultRole: orgRole,
  departments: z.record(z.string(), orgRole),
  includeSubdomains: z.boolean(),
  requireSso: z.boolean(),
  verificationRecord: z
    .object({ type: z.literal("TXT"), name: z.string(), value: z.string() })
    .describe("Publish a TXT record at name with exactly value, then verify"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const domainParams = z.strictObject({ orgId: id, domainId: id });

const joinRequestView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  domain: z.string().nullable(),
  department: z.string().nullable(),
  role: orgRole,
  status: z.enum(["pending", "approved", "declined"]),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  createdAt: timestamp,
});
const requestParams = z.strictObject({ orgId: id, requestId: id });

const DOMAINS_DOC =
  "An org claims a domain, proves it by publishing a DNS TXT record `gatehouse-verification=<token>` at `_gatehouse.<domain>`, then verifies. " +
  "People whose email is proven (an accepted invitation, or an SSO provider asserting email_verified) at a verified domain then join on sign-in (mode auto), " +
  "or file a join request (mode approval). One verified domain belongs to one org. Consumer mail domains and public suffixes are refused. Needs sso:configure (admins).";

/** Verified domains and join requests. */
export const domainRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/domains",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "The org's claimed domains",
        description: `${DOMAINS_DOC} ssoConfigured says whether the org has an SSO connection (requireSso without one locks people out of password sign-in).`,
        params: orgParams,
        response: {
          200: z.object({ domains: z.array(domainView), ssoConfigured: z.boolean() }),
          default: errorResponse,
        },
      },
    },
    (request) => listDomains(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/domains",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Claim a domain (the seed's domain configuration JSON is accepted as written)",
        description: DOMAINS_DOC,
        params: orgParams,
        body: claimBody,
        response: { 201: z.object({ domain: domainView }), default: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        domain: await claimDomain(serviceContext(request, deps), {
          orgId: request.params.orgId,
          config: request.body,
        }),
      }),
  );

  r.get(
    "/api/v1/orgs/:orgId/domains/:domainId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "A claimed domain with the TXT record to publish",
        params: domainParams,
        response: { 200: z.object({ domain: domainView }), default: errorResponse },
      },
    },
    async (request) => ({ domain: await getDomain(serviceContext(request, deps), request.params) }),
  );

  r.post(
    "/api/v1/orgs/:orgId/domains/:domainId/verify",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Look up the TXT record and verify the domain",
        description:
          "DOMAIN_NOT_VERIFIED (409) says what was found at _gatehouse.<domain> when the record is missing or different; DOMAIN_TAKEN when another org verified it first.",
        params: domainParams,
        body: z.strictObject({}).nullish(),
        response: { 200: z.object({ domain: domainView }), default: errorResponse },
      },
    },
    async (request) => ({ domain: await verifyDomain(serviceContext(request, deps), request.params) }),
  );

  r.patch(
    "/api/v1/orgs/:orgId/domains/:domainId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Change mode, default role, departments, subdomains or require SSO",
        params: domainParams,
        body: updateBody,
        response: { 200: z.object({ domain: domainView }), default: errorResponse },
      },
    },
    async (request) => ({
      domain: await updateDomain(serviceContext(request, deps), { ...request.params, changes: request.body }),
    }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/domains/:domainId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Remove a domain: nobody joins through it any more; members stay",
        params: domainParams,
        response: { 200: okResponse, default: errorResponse },
      },
    },
    async (request) => {
      await removeDomain(serviceContext(request, deps), request.params);
      return { ok: true as const };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/join-requests",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Join requests from people at the org's verified domains",
        description: "Needs members:invite (admins). Pending by default.",
        params: orgParams,
        querystring: z.strictObject({ status: z.enum(["pending", "approved", "declined"]).optional() }),
        response: { 200: z.object({ joinRequests: z.array(joinRequestView) }), default: errorResponse },
      },
    },
    (request) =>
      listJoinRequests(serviceContext(request, deps), {
        ...request.params,
        ...(request.query.status && { status: request.query.status }),
      }),
  );

  r.post(
    "/api/v1/orgs/:orgId/join-requests/:requestId/approve",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Approve a join request (the role is pre-filled from the department map; a seat is counted)",
        params: requestParams,
        body: z.strictObject({ role: orgRole.optional() }).nullish(),
        response: { 200: z.object({ joinRequest: joinRequestView }), default: errorResponse },
      },
    },
    async (request) => ({
      joinRequest: await decideJoinRequest(serviceContext(request, deps), {
        ...request.params,
        decision: "approve",
        ...(request.body?.role && { role: request.body.role }),
      }),
    }),
  );

  r.post(
    "/api/v1/orgs/:orgId/join-requests/:requestId/decline",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Domains"],
        summary: "Decline a join request (the person is not asked again)",
        params: requestParams,
        body: z.strictObject({}).nullish(),
        response: { 200: z.object({ joinRequest: joinRequestView }), default: errorResponse },
      },
    },
    async (request) => ({
      joinRequest: await decideJoinRequest(serviceContext(request, deps), {
        ...request.params,
        decision: "decline",
      }),
    }),
  );
};
