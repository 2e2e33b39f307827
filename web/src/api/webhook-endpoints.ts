import { api } from "./client";

const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

export type WebhookEndpoint = {
  id: string;
  url: string;
  description: string;
  /** Empty: every event. */
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export type WebhookEndpointWithLast = WebhookEndpoint & {
  lastDelivery: {
    id: string;
    eventType: string;
    status: WebhookDeliveryStatus;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: string;
  } | null;
};

/** A new endpoint or a rotated secret: the only answers that carry the secret. */
export type WebhookSecret = { endpoint: WebhookEndpoint; secret: string };

export type WebhookAttempt = {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
};

export type WebhookDelivery = {
  id: string;
  eventType: string;
  payload: unknown;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  attemptLog: WebhookAttempt[];
};

export type NewWebhookEndpoint = { url: string; description: string; eventTypes: string[] };

export const listWebhookEndpoints = (orgId: string) =>
  api<{ items: WebhookEndpointWithLast[] }>("GET", `${org(orgId)}/webhook-endpoints`);
export const createWebhookEndpoint = (orgId: string, body: NewWebhookEndpoint) =>
  api<WebhookSecret>("POST", `${org(orgId)}/webhook-endpoints`, { body });
export const updateWebhookEndpoint = (
  orgId: string,
  id: string,
  body: Partial<NewWebhookEndpoint & { enabled: boolean }>,
) => api<WebhookEndpoint>("PATCH", `${org(orgId)}/webhook-endpoints/${enc(id)}`, { body });
export const deleteWebhookEndpoint = (orgId: string, id: string) =>
  api<{ ok: true }>("DELETE", `${org(orgId)}/webhook-endpoints/${enc(id)}`);
export const rotateWebhookSecret = (orgId: string, id: string) =>
  api<WebhookSecret>("POST", `${org(orgId)}/webhook-endpoints/${enc(id)}/rotate-secret`);
export const sendTestWebhook = (orgId: string, id: string) =>
  api<{ deliveryId: string }>("POST", `${org(orgId)}/webhook-endpoints/${enc(id)}/test`);
export const listWebhookDeliveries = (orgId: string, id: string) =>
  api<{ items: WebhookDelivery[] }>("GET", `${org(orgId)}/webhook-endpoints/${enc(id)}/deliveries`);
export const redeliverWebhook = (orgId: string, deliveryId: string) =>
  api<{ deliveryId: string; queued: boolean }>(
    "POST",
    `${org(orgId)}/webhook-deliveries/${enc(deliveryId)}/redeliver`,
  );
