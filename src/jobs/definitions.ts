import { pruneJobs } from "../db/queries/jobs.js";
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
  ];
}
