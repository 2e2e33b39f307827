import { pruneJobs } from "../db/queries/jobs.js";
import { pruneScimRequests } from "../db/queries/scim.js";
import type { Deps } from "../services/context.js";
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
        const now = deps.clock.now().getTime();
        await pruneJobs(
          deps.db,
          new Date(now - 7 * DAY_MS).toISOString(),
          new Date(now - 30 * DAY_MS).toISOString(),
        );
      },
    },
    {
      // The SCIM provisioning log is kept for 30 days.
      kind: "scim.requests.prune",
      everyMs: 60 * 60 * 1000,
      async run() {
        await pruneScimRequests(deps.db, new Date(deps.clock.now().getTime() - 30 * DAY_MS).toISOString());
      },
    },
  ];
}
