import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook } from "../security/webhook-signature.js";
import { assertWebhookUrl, endpointWants, webhookEventFor } from "./webhooks.js";

describe("webhooks", () => {
  it("signs as the Standard Webhooks reference verifies", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: "invitation.created" });
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(now),
      "webhook-signature": signWebhook(secret, "msg_1", now, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: "invitation.created" });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("maps audit actions to events and filters by type", () => {
    expect(webhookEventFor("member.added")).toBe("membership.created");
    expect(webhookEventFor("member.removed")).toBe("membership.deleted");
    expect(webhookEventFor("team.created")).toBeNull();
    expect(endpointWants([], "invitation.created")).toBe(true);
    expect(endpointWants(["invitation.accepted"], "invitation.created")).toBe(false);
  });

  it("accepts only http(s) URLs", () => {
    const strict = { allowPrivate: false };
    expect(assertWebhookUrl("https://example.com/h", strict)).toBe("https://example.com/h");
    expect(() => assertWebhookUrl("ftp://example.com", strict)).toThrow(/http/);
    expect(() => assertWebhookUrl("not a url", strict)).toThrow(/not a URL/);
  });

  it("refuses non-public hosts unless private URLs are allowed", () => {
    const strict = { allowPrivate: false };
    for (const url of [
      "http://127.0.0.1:8080/h",
      "http://2130706433/",
      "http://[::ffff:10.0.0.1]/",
      "http://localhost/",
    ]) {
      expect(() => assertWebhookUrl(url, strict), url).toThrow(
        expect.objectContaining({
          code: "WEBHOOK_URL_NOT_PUBLIC",
          message: expect.stringContaining("WEBHOOK_ALLOW_PRIVATE_URLS"),
        }),
      );
    }
    expect(() => assertWebhookUrl("http://169.254.169.254/latest", strict)).toThrow(
      /169\.254\.169\.254 is a link-local/,
    );
    expect(assertWebhookUrl("http://127.0.0.1:8080/h", { allowPrivate: true })).toBe(
      "http://127.0.0.1:8080/h",
    );
  });
});
