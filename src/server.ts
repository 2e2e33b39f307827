import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import { type OpenedDeps, openDeps } from "./deps.js";
import { buildApp } from "./http/app.js";
import { issueSetupToken } from "./services/setup/issue-setup-token.js";

export type RunningServer = {
  app: FastifyInstance;
  deps: OpenedDeps;
  url: string;
  setupUrl: string | null;
  close(): Promise<void>;
};

/**
 * `gatehouse serve`: migrate, listen, and on a fresh install print the one-time setup link. Stops
 * cleanly on SIGINT/SIGTERM: in-flight requests finish, then the database closes.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  // Background work (the change feed, jobs) logs through the app's logger once it exists.
  let appLog: FastifyInstance["log"] | undefined;
  const deps = await openDeps(config, {
    log: {
      warn: (obj, msg) => appLog?.warn(obj, msg),
      info: (obj, msg) => appLog?.info(obj, msg),
    },
  });
  const app = await buildApp(deps, { log: { level: config.logLevel } });
  appLog = app.log;
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.enabled) await deps.jobs.start();
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const setupToken = await issueSetupToken(deps);
  const setupUrl = setupToken ? setupLink(config, setupToken) : null;
  const close = async () => {
    await app.close();
    await deps.close();
  };
  return {
    app,
    deps,
    url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    setupUrl,
    close,
  };
}

function setupLink(config: Config, token: string): string {
  const url = new URL("/setup", config.publicUrl);
  url.hash = `token=${token}`;
  return url.toString();
}
