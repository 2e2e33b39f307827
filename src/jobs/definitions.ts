import { pruneJobs } from "../db/queries/jobs.js";
import { pruneScimRequests } from "../db/queries/scim.js";
import { deliverEmail } from "../mail/deliver-email.js";
import { EMAIL_DELIVER_JOB } from "../mail/queue-invitation-email.js";
import { isPermanentMailError, mailTransportFor } from "../mail/transport.js";
import type { Deps } from "../services/context.js";
import { expireInvitations, remindInvitations } from "../services/invitations/sweep-invitations.js";
import { deliverWebhook } from "../webhooks/deliver-webhook.js";
import { WEBHOOK_DELIVER_JOB, WEBHOOK_MAX_ATTEMPTS } from "../webhooks/queue-webhooks.js";
import type { JobDefinition } from "./runner.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every kind of background job Gatehouse runs. A kind that is queued but not listed here is left alone
 * (an older or newer instance on the same database may know it).
 */
export function jobDefinitions(deps: Deps): JobDefinition[] {
  return [
    {
      kind: "jobs.prune",
      everyMs: 60 * 60 * 1000,
      async run() {
        const now = deps.clock.nowMs();
        await pruneJobs(
          deps.db,
          new Date(now - 7 * DAY_MS).toISOString(),
          new Date(now - 30 * DAY_MS).toISOString(),
        );
      },
    },
    {
      kind: EMAIL_DELIVER_JOB,
      backoff: { baseMs: 30_000, capMs: 60 * 60 * 1000 },
      isPermanent: isPermanentMailError,
      async run(job) {
        const transport = mailTransportFor(deps.config);
        if (!transport)
          throw new Error("SMTP_URL is not set on this instance; the email waits for one that has it");
        await deliverEmail(deps, transport, job);
      },
    },
    {
      kind: "invitations.remind",
      everyMs: 15 * 60 * 1000,
      async run() {
        await remindInvitations(deps);
      },
    },
    {
      kind: "invitations.expire",
      everyMs: 5 * 60 * 1000,
      async run() {
        await expireInvitations(deps);
      },
    },
    {
      // The SCIM provisioning log is kept for 30 days.
      kind: "scim.requests.prune",
      everyMs: 60 * 60 * 1000,
      async run() {
        await pruneScimRequests(deps.db, new Date(deps.clock.nowMs() - 30 * DAY_MS).toISOString());
      },
    },
    {
      // Retries back off from 30 s up to an hour: 8 attempts span about two hours.
      kind: WEBHOOK_DELIVER_JOB,
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
      backoff: { baseMs: 30_000, capMs: 60 * 60 * 1000 },
      async run(job) {
        await deliverWebhook(deps, job);
      },
    },
  ];
}
