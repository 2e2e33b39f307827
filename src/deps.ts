import { lookup, resolveTxt } from "node:dns/promises";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { migrateToLatest } from "./db/migrate.js";
import { createAccessEngine } from "./decisions/access-engine.js";
import { type Logger, startChangeFeed } from "./decisions/change-feed.js";
import { createKeyUsage } from "./decisions/key-usage.js";
import { jobDefinitions } from "./jobs/definitions.js";
import { createJobRunner, type JobRunner } from "./jobs/runner.js";
import { type Clock, systemClock } from "./lib/clock.js";
import { argon2Hasher, type PasswordHasher } from "./security/passwords.js";
import { createSealer, loadOrCreateSecretKey } from "./security/sealing.js";
import type { Deps, DnsResolver, HostResolver, ResolvedAddress } from "./services/context.js";
import { createOidcDiscoveryCache } from "./services/sso/discovery-cache.js";

const silentLog: Logger = { warn() {}, info() {} };

/** getaddrinfo, as connecting by name would use it: every address, in the system's order. */
const systemHosts: HostResolver = {
  async lookup(hostname) {
    const found = await lookup(hostname, { all: true, verbatim: true });
    return found.map((a): ResolvedAddress => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  },
};

export type OpenedDeps = Deps & {
  database: Database;
  /** Background jobs; `gatehouse serve` starts them when JOBS_ENABLED, tests run them with `runDue()`. */
  jobs: JobRunner;
  close(): Promise<void>;
};

/** Opens the database, migrates it, and assembles what every use case depends on. */
export async function openDeps(
  config: Config,
  overrides: {
    clock?: Clock;
    passwords?: PasswordHasher;
    migrate?: boolean;
    log?: Logger;
    dns?: DnsResolver;
    hosts?: HostResolver;
  } = {},
): Promise<OpenedDeps> {
  const database = openDatabase(config.database);
  try {
    if (overrides.migrate !== false) await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const log = overrides.log ?? silentLog;
  if (config.database.kind === "postgres" && !config.secretKey) {
    log.warn(
      { dataDir: config.dataDir },
      `SECRET_KEY is not set: sealed secrets use ${config.dataDir}/secret.key, which other instances do not have. Set the same SECRET_KEY on every instance.`,
    );
  }
  const access = createAccessEngine(database.db);
  const keyUsage = createKeyUsage(database.db);
  const feed = startChangeFeed({ db: database.db, config: config.database }, access, log);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: overrides.clock ?? systemClock,
    config,
    passwords: overrides.passwords ?? argon2Hasher,
    policies: access,
    keyUsage,
    sealer: createSealer(loadOrCreateSecretKey(config.secretKey, config.dataDir)),
    dns: overrides.dns ?? { resolveTxt },
    oidcDiscovery: createOidcDiscoveryCache(config.sso.discoveryCacheSeconds * 1000),
    hosts: overrides.hosts ?? systemHosts,
  };
  const jobs = createJobRunner({
    db: database.db,
    clock: deps.clock,
    definitions: jobDefinitions(deps),
    pollMs: config.jobs.pollIntervalMs,
    concurrency: config.jobs.concurrency,
    log,
  });
  return {
    ...deps,
    database,
    jobs,
    async close() {
      await jobs.stop();
      await keyUsage.stop();
      await feed.stop();
      access.close();
      await database.close();
    },
  };
}
