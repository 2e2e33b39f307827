import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString } from "pino";

/** What a log method takes: an object or message, then format arguments. */
type Args = [unknown, ...unknown[]];

/**
 * A request's logger (`request.log`) that makes pino's child logger, with the request id bound, only
 * when something is logged at an enabled level. Fastify makes a child per request, and pino's
 * `child` serializes the bindings and sets up levels: at `LOG_LEVEL=warn` nothing is logged for a
 * request that goes well, yet the child cost 5-8% of a decision check's CPU
 * (bench/decisions/throughput-only.mjs).
 */
class RequestLogger {
  #child: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private real(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  /** Whether `level` is logged; without a child of its own yet, the parent knows. */
  isLevelEnabled(level: string): boolean {
    // With a level of its own (Fastify's `logLevel` on a route or plugin) the child decides.
    if (this.#child !== undefined || this.options.level !== undefined) return isEnabled(this.real(), level);
    return isEnabled(this.parent, level);
  }

  /** The child's method for `level`, or nothing to do when the level is off (no child made for it). */
  private at(level: Level): (...args: Args) => void {
    if (!this.isLevelEnabled(level)) return noop;
    const child = this.real();
    return (child[level] as (...args: Args) => void).bind(child);
  }

  get level(): LevelWithSilentOrString {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }
  set level(level: LevelWithSilentOrString) {
    this.real().level = level;
  }

  fatal(...args: Args): void {
    this.at("fatal")(...args);
  }
  error(...args: Args): void {
    this.at("error")(...args);
  }
  warn(...args: Args): void {
    this.at("warn")(...args);
  }
  info(...args: Args): void {
    this.at("info")(...args);
  }
  debug(...args: Args): void {
    this.at("debug")(...args);
  }
  trace(...args: Args): void {
    this.at("trace")(...args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
}

const noop = (): void => undefined;

/** A logger without `isLevelEnabled` (not pino) is asked everything. */
function isEnabled(logger: FastifyBaseLogger, level: string): boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return check === undefined || check.call(logger, level);
}

/** Fastify's `childLoggerFactory`: request loggers made lazily (see RequestLogger). */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}

/**
 * Fastify's request lines ("incoming request", "request completed") are logged at info: when info is
 * off, the objects they would log are not even made. A request that errored is logged as before.
 */
export class RequestLines extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>) {
    if (isEnabled(request.log, "info")) super.incomingRequest(request, reply, metadata);
  }
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ) {
    if (error || isEnabled(reply.log, "info")) super.requestCompleted(error, request, reply, metadata);
  }
}
