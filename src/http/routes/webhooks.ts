import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../../domain/webhooks.js";
import { createWebhookEndpoint } from "../../services/webhooks/create-webhook-endpoint.js";
import { deleteWebhookEndpointOf } from "../../services/webhooks/delete-webhook-endpoint.js";
import {
  getWebhookEndpoint,
  listWebhookEndpointsOf,
} from "../../services/webhooks/list-webhook-endpoints.js";
import {
  rotateWebhookSecret,
  updateWebhookEndpointOf,
} from "../../services/webhooks/update-webhook-endpoint.js";
import {
  listWebhookDeliveriesOf,
  redeliverWebhook,
  sendTestWebhook,
} from "../../services/webhooks/webhook-deliveries.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, noQuery, okResponse, orgParams } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .max(WEBHOOK_EVENT_TYPES.length)
  .describe("The events this endpoint receives; empty: all of them.");
const endpointView = z
  .object({
    id,
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe("why it was disabled, e.g. the receiver answered 410 Gone"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });
const withSecret = z.object({
  endpoint: endpointView,
  secret: z.string().describe("whsec_…: shown once; verify webhook-signature with it (Standard Webhooks)"),
});
const deliveryStatus = z.enum(["pending", "delivered", "failed"]);
const endpointParams = z.strictObject({ orgId: id, id });
const deliveryId = z
  .string()
  .regex(/^msg_[0-9a-f-]{36}$/, "must be a delivery id (msg_…) as Gatehouse returns it");
const url = z.string().trim().min(1).max(2048);
const description = z.string().trim().max(500);
const DESCRIPTION = "Needs security:configure (admins).";
const TAGS = ["Webhooks"];

/** Webhook endpoints (Standard Webhooks signing) and their delivery log. */
export const webhookRoutes: RouteModule = (app, deps) => {
  const r = typed(app);
  const auth = { auth: orgRoute("org:read") };

  r.get(
    "/api/v1/orgs/:orgId/webhook-endpoints",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "The org's webhook endpoints (never their secrets)",
        description: DESCRIPTION,
        params: orgParams,
        querystring: noQuery,
        response: {
          200: z.object({
            items: z.array(
              endpointView.extend({
                lastDelivery: z
                  .object({
                    id: z.string(),
                    eventType: z.string(),
                    status: deliveryStatus,
                    attempts: z.number().int(),
                    lastStatusCode: z.number().int().nullable(),
                    lastError: z.string().nullable(),
                    createdAt: z.string(),
                  })
                  .nullable()
                  .describe("the newest delivery to this endpoint, or null before the first"),
              }),
            ),
          }),
          default: errorResponse,
        },
      },
    },
    (request) => listWebhookEndpointsOf(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/webhook-endpoints",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Add a webhook endpoint: its signing secret is shown once",
        description: `${DESCRIPTION} The URL must be http:// or https:// (WEBHOOK_URL_INVALID otherwise) and reach a public address: loopback, private, link-local and other non-public hosts are refused (WEBHOOK_URL_NOT_PUBLIC) unless WEBHOOK_ALLOW_PRIVATE_URLS is set.`,
        params: orgParams,
        body: z.strictObject({
          url,
          description: description.default(""),
          eventTypes: eventTypes.default([]),
        }),
        response: { 201: withSecret, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createWebhookEndpoint(serviceContext(request, deps), { ...request.params, ...request.body }),
        ),
  );

  r.get(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "One webhook endpoint (never its secret)",
        description: DESCRIPTION,
        params: endpointParams,
        querystring: noQuery,
        response: { 200: endpointView, default: errorResponse },
      },
    },
    (request) => getWebhookEndpoint(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Change a webhook endpoint's URL, description, events, or enable/disable it",
        description: `${DESCRIPTION} enabled: true re-enables an endpoint disabled after a 410 Gone.`,
        params: endpointParams,
        body: z.strictObject({
          url: url.optional(),
          description: description.optional(),
          eventTypes: eventTypes.optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: endpointView, default: errorResponse },
      },
    },
    (request) =>
      updateWebhookEndpointOf(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Delete a webhook endpoint and its delivery log",
        description: DESCRIPTION,
        params: endpointParams,
        response: { 200: okResponse, default: errorResponse },
      },
    },
    async (request) => {
      await deleteWebhookEndpointOf(serviceContext(request, deps), request.params);
      return { ok: true as const };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id/rotate-secret",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Replace the signing secret: the new one is shown once and signs every later attempt",
        description: DESCRIPTION,
        params: endpointParams,
        response: { 200: withSecret, default: errorResponse },
      },
    },
    (request) => rotateWebhookSecret(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id/test",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Queue a webhook.test ping to the endpoint",
        description: DESCRIPTION,
        params: endpointParams,
        response: { 202: z.object({ deliveryId: z.string() }), default: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await sendTestWebhook(serviceContext(request, deps), request.params)),
  );

  r.get(
    "/api/v1/orgs/:orgId/webhook-endpoints/:id/deliveries",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "The endpoint's latest deliveries, newest first, with every attempt",
        description: DESCRIPTION,
        params: endpointParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string().describe("the webhook-id header"),
                eventType: z.string(),
                payload: z.unknown(),
                status: deliveryStatus,
                attempts: z.number().int(),
                lastStatusCode: z.number().int().nullable(),
                lastError: z.string().nullable(),
                createdAt: z.string(),
                deliveredAt: z.string().nullable(),
                nextAttemptAt: z.string().nullable().describe("while pending: when the next attempt is due"),
                attemptLog: z.array(
                  z.object({
                    at: z.string(),
                    statusCode: z.number().int().nullable(),
                    error: z.string().nullable(),
                    durationMs: z.number().int(),
                    responseBody: z.string().nullable().describe("first 1 KB"),
                  }),
                ),
              }),
            ),
          }),
          default: errorResponse,
        },
      },
    },
    (request) =>
      listWebhookDeliveriesOf(serviceContext(request, deps), {
        ...request.params,
        limit: request.query.limit,
      }),
  );

  r.post(
    "/api/v1/orgs/:orgId/webhook-deliveries/:deliveryId/redeliver",
    {
      config: auth,
      schema: {
        tags: TAGS,
        summary: "Send a delivery again (same webhook-id)",
        description: DESCRIPTION,
        params: z.strictObject({ orgId: id, deliveryId }),
        response: { 202: z.object({ deliveryId: z.string(), queued: z.boolean() }), default: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await redeliverWebhook(serviceContext(request, deps), request.params)),
  );
};
