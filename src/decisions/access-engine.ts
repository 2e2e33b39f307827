import { onAccessChange } from "../db/access-changes.js";
import type { Db } from "../db/client.js";
import { loadPolicyData } from "../db/queries/policy.js";
import { compilePolicy, type Policy } from "../domain/access/policy.js";
import { AppError } from "../domain/errors.js";

/**
 * The decision engine's cache: one compiled policy per org, rebuilt when the org's access version
 * moves past it. Versions arrive from this instance's own commits (synchronously, before the change's
 * response is sent) and from other instances (LISTEN/NOTIFY, or SQLite's data_version for other
 * processes). There is no TTL: a policy is used exactly until a newer version is known.
 */
export type AccessEngine = {
  /** The org's current policy: synchronous when fresh, a promise while it (re)builds. */
  policyFor(orgId: string): Policy | Promise<Policy>;
  /** A newer version of the org exists (from a commit here or elsewhere). */
  noteVersion(orgId: string, version: number): void;
  /** Forget what is known (after a lost notification connection): every policy is re-read on next use. */
  invalidateAll(): void;
  /** The orgs with a cached policy, and its version (for revalidation). */
  cachedVersions(): Map<string, number>;
  stats(): { orgs: number; builds: number; lastBuildMs: number };
  close(): void;
};

const MAX_ORGS = 1000;

export function createAccessEngine(db: Db): AccessEngine {
  const policies = new Map<string, Policy>();
  const known = new Map<string, number>();
  const building = new Map<string, Promise<Policy>>();
  let generation = 0;
  let builds = 0;
  let lastBuildMs = 0;

  const build = (orgId: string): Promise<Policy> => {
    const inFlight = building.get(orgId);
    if (inFlight) return inFlight;
    const startedGeneration = generation;
    const promise = (async () => {
      try {
        for (;;) {
          const started = performance.now();
          const data = await loadPolicyData(db, orgId);
          if (data === null) {
            policies.delete(orgId);
            throw new AppError("NOT_FOUND");
          }
          const policy = compilePolicy(data);
          builds += 1;
          lastBuildMs = performance.now() - started;
          // A newer version announced while loading, or everything invalidated: read again.
          if (policy.version < (known.get(orgId) ?? 0) || generation !== startedGeneration) continue;
          if (policies.size >= MAX_ORGS && !policies.has(orgId)) {
            const oldest = policies.keys().next().value;
            if (oldest !== undefined) policies.delete(oldest);
          }
          policies.set(orgId, policy);
          return policy;
        }
      } finally {
        building.delete(orgId);
      }
    })();
    building.set(orgId, promise);
    return promise;
  };

  const noteVersion = (orgId: string, version: number) => {
    if (version > (known.get(orgId) ?? 0)) known.set(orgId, version);
  };
  const unsubscribe = onAccessChange(db, noteVersion);

  return {
    policyFor(orgId) {
      const policy = policies.get(orgId);
      if (policy !== undefined && policy.version >= (known.get(orgId) ?? 0)) return policy;
      return build(orgId);
    },
    noteVersion,
    invalidateAll() {
      generation += 1;
      policies.clear();
    },
    cachedVersions() {
      return new Map([...policies].map(([orgId, policy]) => [orgId, policy.version]));
    },
    stats: () => ({ orgs: policies.size, builds, lastBuildMs }),
    close() {
      unsubscribe();
      policies.clear();
    },
  };
}
