import { Writable } from "node:stream";
import Fastify, { type FastifyBaseLogger } from "fastify";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { lazyChildLogger, RequestLines } from "./request-logger.js";

function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const parent = pino({ level }, stream);
  let children = 0;
  // pino's children inherit from their parent object, so this counts every child made below it too.
  const child = parent.child;
  parent.child = function (this: typeof parent, ...args: Parameters<typeof child>) {
    children += 1;
    return child.apply(this, args);
  } as typeof parent.child;
  return { parent: parent as unknown as FastifyBaseLogger, lines, children: () => children };
}

describe("request loggers", () => {
  it("make no child for levels that are off, and one child, with the request id, for the rest", () => {
    const { parent, lines, children } = logger("warn");
    const log = lazyChildLogger(parent, { reqId: "req-1" }, {});
    log.info({ req: "x" }, "incoming request");
    log.debug("details");
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
    log.warn({ code: "X" }, "refused");
    log.error("failed %s", "twice");
    expect(children()).toBe(1);
    expect(lines.map(({ reqId, msg, level }) => ({ reqId, msg, level }))).toEqual([
      { reqId: "req-1", msg: "refused", level: 40 },
      { reqId: "req-1", msg: "failed twice", level: 50 },
    ]);
    expect(log.level).toBe("warn");
  });

  it("follow a route's own log level, and a parent that is itself a request logger", () => {
    const { parent, lines } = logger("warn");
    const route = lazyChildLogger(parent, { reqId: "req-2" }, { level: "debug" });
    route.debug("debugging this route");
    expect(lines.map((l) => l.msg)).toEqual(["debugging this route"]);
    const nested = lazyChildLogger(route, { step: "inner" }, {});
    nested.debug("inner debug");
    nested.trace("not this");
    expect(lines.map((l) => [l.msg, l.reqId, l.step])).toEqual([
      ["debugging this route", "req-2", undefined],
      ["inner debug", "req-2", "inner"],
    ]);
  });
});

describe("Fastify's request lines", () => {
  async function requests(level: string) {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const app = Fastify({
      logger: { level, stream },
      childLoggerFactory: lazyChildLogger,
      logController: new RequestLines(),
    });
    app.get("/ok", async () => ({ ok: true }));
    await app.inject({ url: "/ok" });
    await app.close();
    return lines.map((line) => [line.msg, line.reqId]);
  }

  it("are logged at info, with the request id, and not asked for above it", async () => {
    expect(await requests("info")).toEqual([
      ["incoming request", "req-1"],
      ["request completed", "req-1"],
    ]);
    expect(await requests("warn")).toEqual([]);
  });
});
