// Load generation for bench/decisions/http.mjs: the servers it starts, autocannon for closed-loop
// throughput, and an open-loop pacer for latency at a fixed request rate.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import autocannon from "autocannon";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * BENCH_PIN=1: servers on core 1, this process (the load generator) on core 0, so each server gets
 * exactly one core and never competes with the load generator. Off by default: when other work
 * shares the machine, a pinned process cannot move away from it and the figures get worse and noisier.
 */
const PIN = process.env.BENCH_PIN === "1" && spawnSync("taskset", ["-V"]).status === 0;

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** With BENCH_PIN=1, moves this process (the load generator) to core 0. */
export function pinSelf() {
  if (PIN) spawnSync("taskset", ["-a", "-cp", "0", String(process.pid)], { stdio: "ignore" });
  return PIN;
}

/** Starts a server (on core 1 with BENCH_PIN=1) and waits for `healthUrl` to answer 200. */
export async function launch({ name, command, args, env, healthUrl }) {
  const [file, argv] = PIN ? ["taskset", ["-c", "1", command, ...args]] : [command, args];
  const child = spawn(file, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  for (const started = Date.now(); ; ) {
    try {
      if ((await fetch(healthUrl)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output}`);
    if (Date.now() - started > 60_000) throw new Error(`${name} did not start in 60 s: ${output}`);
    await sleep(20);
  }
  return {
    name,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

/** CPU seconds a process has used so far (user + system), from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const SELF = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Closed-loop throughput with autocannon: `connections` keep-alive connections, each sending the
 * next request as soon as the previous answer arrives, cycling through `bodies`.
 */
export async function throughput({ url, headers, bodies, connections, seconds, serverPid }) {
  const requests = bodies.map((body) => ({ method: "POST", headers, body }));
  const cpu0 = serverPid ? cpuSeconds(serverPid) : 0;
  const self0 = SELF();
  const result = await new Promise((resolve, reject) =>
    autocannon({ url, connections, pipelining: 1, duration: seconds, requests }, (error, r) =>
      error ? reject(error) : resolve(r),
    ),
  );
  const ok = result.requests.total - result.non2xx;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    rps: ok / result.duration,
    serverCpu: serverPid ? (cpuSeconds(serverPid) - cpu0) / result.duration : null,
    loadCpu: (SELF() - self0) / result.duration,
  };
}

/** One keep-alive connection that sends a request and reads one HTTP/1.1 response at a time. */
function connection(port, onResponse) {
  const socket = connect({ port, host: "127.0.0.1", noDelay: true });
  let buffered = Buffer.alloc(0);
  let expected = -1;
  let status = 0;
  let chunked = false;
  socket.on("data", (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    if (expected < 0) {
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString("latin1");
      status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      chunked = !length;
      expected = length ? end + 4 + Number(length[1]) : end + 4;
    }
    const complete = chunked
      ? buffered.indexOf("\r\n0\r\n\r\n", expected - 2) >= 0
      : buffered.length >= expected;
    if (!complete) return;
    buffered = Buffer.alloc(0);
    expected = -1;
    onResponse(status);
  });
  return socket;
}

/**
 * Open-loop latency at a fixed rate: requests fall due on an even schedule (`rate` a second) whether
 * or not earlier ones were answered; a due request goes out on the next idle connection. Latency runs
 * from the moment it fell due, so time spent waiting for a connection counts (no coordinated
 * omission). The first `leadIn` seconds run on the same schedule but are not measured: they open the
 * connections and carry the start of the schedule, which on this kind of machine holds a stall of up
 * to 30 ms whatever the server (without the lead-in, most requests above p99 fell in the first 50 ms,
 * for the hello-world route as for Gatehouse). autocannon's own rate limit is not used: it sends each
 * connection's quota for the second back to back and then waits, which measures bursts, not a
 * steady rate.
 */
export function paced({ port, buffers, rate, seconds, connections = 64, leadIn = 0.5 }) {
  return new Promise((resolve, reject) => {
    const unmeasured = Math.round(rate * leadIn);
    const total = unmeasured + Math.round(rate * seconds);
    const latencies = new Float64Array(total - unmeasured);
    const queue = [];
    const idle = [];
    const sentOf = new Map();
    let issued = 0;
    let sent = 0;
    let answered = 0;
    let done = 0;
    let bad = 0;
    let measuredFrom = 0;
    const sockets = [];
    const drain = () => {
      while (queue.length > 0 && idle.length > 0) {
        const socket = idle.pop();
        sentOf.set(socket, { due: queue.shift(), measured: sent >= unmeasured });
        socket.write(buffers[sent++ % buffers.length]);
      }
    };
    const finish = () => {
      for (const s of sockets) s.destroy();
      const sorted = latencies.subarray(0, done).sort();
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      const achieved = done / ((performance.now() - measuredFrom) / 1000);
      resolve({
        count: done,
        bad,
        achieved,
        p50: at(0.5),
        p99: at(0.99),
        p999: at(0.999),
        max: sorted.at(-1),
      });
    };
    for (let i = 0; i < connections; i++) {
      const socket = connection(port, (status) => {
        const { due, measured } = sentOf.get(socket);
        if (measured) latencies[done++] = performance.now() - due;
        if (status !== 200) bad++;
        idle.push(socket);
        if (++answered === total) finish();
        else drain();
      });
      socket.on("error", reject);
      sockets.push(socket);
      socket.once("connect", () => idle.push(socket));
    }
    const start = performance.now() + 20;
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000));
      while (issued < due) {
        if (issued === unmeasured) measuredFrom = now;
        queue.push(now);
        issued++;
      }
      drain();
      if (issued < total) setImmediate(tick);
    };
    setTimeout(tick, 25);
  });
}

/** A raw HTTP/1.1 POST, as the pacer writes it. */
export function rawPost(path, port, headers, body) {
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Connection: keep-alive",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return Buffer.from(`${head.join("\r\n")}\r\n\r\n${body}`);
}
