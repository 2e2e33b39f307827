import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { SeatLimits } from "./domain/plans.js";
import { installValidationMessages } from "./lib/validation-messages.js";
import { parseSecretKey } from "./security/sealing.js";

/**
 * The only reader of `process.env`. Everything else receives a typed `Config`. CLI flags arrive as
 * `overrides` and win over the environment.
 */
const seatLimit = (fallback: number | null) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      if (value === "unlimited") return null;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({
          code: "custom",
          message: 'must be a whole number of seats (1 or more) or "unlimited"',
        });
        return z.NEVER;
      }
      return n;
    });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** A switch that is on unless set to false or 0. */
const onUnlessOff = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v !== "false" && v !== "0");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "must be a postgres:// URL; leave it unset for the embedded SQLite database",
    )
    .optional(),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_NAMED_STATEMENTS: onUnlessOff,
  /**
   * SQLite's page cache, in MiB (per connection): the database pages kept in memory between reads.
   * 16 is what better-sqlite3 builds SQLite with; more keeps a larger database's hot pages in memory,
   * less caps the process's memory on a small machine (SQLite then reads more from the OS file cache).
   */
  SQLITE_CACHE_MB: positiveInt(16),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanFlag,
  SESSION_TTL_DAYS: positiveInt(14),
  SEAT_LIMIT_FREE: seatLimit(1),
  SEAT_LIMIT_TEAM: seatLimit(50),
  SEAT_LIMIT_BUSINESS: seatLimit(500),
  SEAT_LIMIT_ENTERPRISE: seatLimit(null),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt(10),
  RATE_LIMIT_PUBLIC_PER_MINUTE: positiveInt(60),
  JOBS_ENABLED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  JOBS_POLL_INTERVAL_MS: positiveInt(1_000),
  JOBS_CONCURRENCY: positiveInt(4),
  SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseSecretKey(v) !== undefined, {
      message: "must be 32 random bytes, as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)",
    }),
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465. Unset: no email is sent; invite links are copied by hand. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL (user and password in the URL)")
    .optional(),
  /** The From address of invitation emails, e.g. "Gatehouse <no-reply@example.com>". */
  SMTP_FROM: z.string().trim().min(3).default("Gatehouse <no-reply@localhost>"),
  /** Pending invitations get one automatic reminder email this many days before they expire. */
  INVITATION_REMINDER_DAYS: positiveInt(2),
  /** Lets an SSO connection use an http:// issuer on a loopback host (a test IdP). Never in production. */
  SSO_ALLOW_HTTP_ISSUERS: booleanFlag,
  /** How long an instance reuses an OIDC provider's discovery document (and keys) before reading it again. */
  SSO_DISCOVERY_CACHE_SECONDS: positiveInt(3600),
  /** How long a webhook delivery waits for the receiver's response before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  /**
   * Lets webhook URLs point at loopback, private (RFC 1918, fc00::/7), link-local and other non-public
   * addresses: for receivers on your own network. Off: such URLs are refused (SSRF protection).
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanFlag,
});

export type DatabaseConfig =
  | {
      kind: "sqlite";
      file: string /** Page cache in MiB; unset keeps SQLite's built-in size. */;
      cacheMb?: number;
    }
  | { kind: "postgres"; url: string; poolSize: number; schema?: string; namedStatements?: boolean };

export type Config = {
  port: number;
  host: string;
  /** Origin-bearing base URL users reach Gatehouse at: links, cookies and the CSRF check use it. */
  publicUrl: URL;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  trustProxy: boolean;
  sessionTtlDays: number;
  seatLimits: SeatLimits;
  rateLimits: { authPerMinute: number; publicPerMinute: number };
  /** Directory of the built console; null serves no console (API only). */
  webRoot: string | null;
  /** Background jobs (email, webhooks, sweeps): whether this instance runs them, how often it looks. */
  jobs: { enabled: boolean; pollIntervalMs: number; concurrency: number };
  /** Invitation email: null smtpUrl sends nothing (the console says links must be copied). */
  mail: { smtpUrl: string | null; from: string; reminderDays: number };
  /** Seals stored secrets (SECRET_KEY); null: a key generated once into DATA_DIR/secret.key. */
  secretKey: Buffer | null;
  /** Single sign-on: whether http:// issuers on loopback hosts are allowed (test IdPs). */
  sso: { allowHttpIssuers: boolean; discoveryCacheSeconds: number };
  /** Webhook deliveries: the timeout of one attempt; whether non-public receiver addresses are allowed. */
  webhooks: { timeoutMs: number; allowPrivateUrls: boolean };
};

export type ConfigOverrides = Partial<{
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  logLevel: Config["logLevel"];
}>;

/** `src/config.ts` and its build `dist/config.js` both sit one level below the package root. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const merged: Record<string, string | undefined> = {
    ...env,
    ...(overrides.port !== undefined && { PORT: String(overrides.port) }),
    ...(overrides.host !== undefined && { HOST: overrides.host }),
    ...(overrides.publicUrl !== undefined && { PUBLIC_URL: overrides.publicUrl }),
    ...(overrides.dataDir !== undefined && { DATA_DIR: overrides.dataDir }),
    ...(overrides.databaseUrl !== undefined && { DATABASE_URL: overrides.databaseUrl }),
    ...(overrides.logLevel !== undefined && { LOG_LEVEL: overrides.logLevel }),
  };
  // Empty variables mean "unset", as in most twelve-factor tools.
  for (const [key, value] of Object.entries(merged)) if (value === "") delete merged[key];
  installValidationMessages();
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    database: e.DATABASE_URL
      ? {
          kind: "postgres",
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          namedStatements: e.DATABASE_NAMED_STATEMENTS,
        }
      : { kind: "sqlite", file: path.join(dataDir, "gatehouse.db"), cacheMb: e.SQLITE_CACHE_MB },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    seatLimits: {
      free: e.SEAT_LIMIT_FREE,
      team: e.SEAT_LIMIT_TEAM,
      business: e.SEAT_LIMIT_BUSINESS,
      enterprise: e.SEAT_LIMIT_ENTERPRISE,
    },
    rateLimits: {
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      publicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
    },
    webRoot: path.join(PACKAGE_ROOT, "web", "dist"),
    jobs: {
      enabled: e.JOBS_ENABLED,
      pollIntervalMs: e.JOBS_POLL_INTERVAL_MS,
      concurrency: e.JOBS_CONCURRENCY,
    },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.SMTP_FROM, reminderDays: e.INVITATION_REMINDER_DAYS },
    secretKey: e.SECRET_KEY === undefined ? null : (parseSecretKey(e.SECRET_KEY) ?? null),
    sso: {
      allowHttpIssuers: e.SSO_ALLOW_HTTP_ISSUERS,
      discoveryCacheSeconds: e.SSO_DISCOVERY_CACHE_SECONDS,
    },
    webhooks: { timeoutMs: e.WEBHOOK_TIMEOUT_MS, allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS },
  };
}

/** Every variable Gatehouse reads, for `gatehouse serve --help` and the README. */
export const ENVIRONMENT_VARIABLES = Object.keys(envSchema.shape);
