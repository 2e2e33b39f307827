import { AppError } from "./errors.js";
import { nonPublicHostReason } from "./network-address.js";

/** The events Gatehouse sends, each derived from one audit action (see `webhookEventFor`). */
export const WEBHOOK_EVENT_TYPES = [
  "invitation.created",
  "invitation.accepted",
  "invitation.revoked",
  "invitation.expired",
  "membership.created",
  "membership.updated",
  "membership.deleted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent only by "test" on one endpoint, whatever its filter. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

const FROM_AUDIT: Record<string, WebhookEventType> = {
  "invitation.created": "invitation.created",
  "invitation.accepted": "invitation.accepted",
  "invitation.revoked": "invitation.revoked",
  "invitation.expired": "invitation.expired",
  "member.added": "membership.created",
  "member.updated": "membership.updated",
  "member.removed": "membership.deleted",
};

/** The webhook event an audit action announces, or null. */
export function webhookEventFor(auditAction: string): WebhookEventType | null {
  return FROM_AUDIT[auditAction] ?? null;
}

/** An endpoint with no event types listed receives every event. */
export function endpointWants(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(type);
}

/**
 * Throws WEBHOOK_URL_INVALID unless `url` is an absolute http(s) URL without credentials, and
 * WEBHOOK_URL_NOT_PUBLIC when its host is a non-public address or a local name (unless `allowPrivate`,
 * i.e. WEBHOOK_ALLOW_PRIVATE_URLS). Delivery checks the addresses the name resolves to as well.
 */
export function assertWebhookUrl(url: string, options: { allowPrivate: boolean }): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError("WEBHOOK_URL_INVALID", { message: `"${url}" is not a URL. ${EXAMPLE}` });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new AppError("WEBHOOK_URL_INVALID", {
      message: `The webhook URL must use http:// or https://, not ${parsed.protocol}//. ${EXAMPLE}`,
    });
  }
  if (parsed.username || parsed.password) {
    throw new AppError("WEBHOOK_URL_INVALID", {
      message:
        "Put no user name or password in the webhook URL: verify the webhook-signature header instead.",
    });
  }
  const notPublic = options.allowPrivate ? null : nonPublicHostReason(parsed.hostname);
  if (notPublic) {
    throw new AppError("WEBHOOK_URL_NOT_PUBLIC", {
      message: `${notPublic}: Gatehouse does not send webhooks to this machine or private networks. ${NOT_PUBLIC_NEXT}`,
    });
  }
  return parsed.toString();
}

/** What to do about a refused non-public receiver (save time and delivery time). */
export const NOT_PUBLIC_NEXT =
  "Use a public https:// URL, or set WEBHOOK_ALLOW_PRIVATE_URLS=true if your receiver is on your own network.";
const EXAMPLE = "Use e.g. https://example.com/hooks/gatehouse.";
