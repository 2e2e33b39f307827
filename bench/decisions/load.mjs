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
 * omission). autocannon's own rate limit is not used: it sends each connection's quota for the second
 * back to back and then waits, which measures bursts, not a steady rate.
 *
 * Several targets share one schedule in alternating slices of `sliceMs` (target 1, target 2, ...,
 * target 1, ...), each on connections of its own, so that each gets `seconds` of measured load at
 * `rate` and only one is loaded at a time. On a shared virtual machine the stalls that decide a p99
 * often come from outside the process: on one machine, the hello-world route alone at 5,000/s stalled
 * for 80-100 ms every few seconds. Measured in rounds of several seconds one after the other, the
 * target a stall fell on lost, and one build's per-round p99 ratio ranged from 0.6x to 15x. In 20 ms
 * slices across the same seconds, a stall falls on every target alike, and what differs is the
 * servers: their own pauses (garbage collection, timers) still fall in their own slices.
 *
 * The first `leadIn` seconds of each target are not measured: they open the connections and carry the
 * start of the schedule, which on this kind of machine holds a stall of up to 30 ms whatever the server.
 * Returns one result per target.
 */
export function pacedSideBySide({ targets, rate, seconds, sliceMs = 20, connections = 64, leadIn = 0.5 }) {
  const n = targets.length;
  const perSlice = (rate * sliceMs) / 1000;
  const sliceOf = (k) => Math.floor(k / perSlice);
  const unmeasuredSlices = Math.ceil((leadIn * 1000) / sliceMs) * n;
  const total = Math.round(rate * (seconds + leadIn) * n);
  // A target's share of the schedule: its slices, one more when they do not divide evenly.
  const perTarget = Math.ceil(Math.ceil(total / perSlice) / n) * Math.ceil(perSlice);
  return new Promise((resolve, reject) => {
    const lanes = targets.map(({ port, buffers }) => ({
      buffers,
      latencies: new Float64Array(perTarget),
      done: 0,
      bad: 0,
      sent: 0,
      measuredMs: 0,
      queue: [],
      idle: [],
      sockets: [],
      sentOf: new Map(),
      port,
    }));
    let issued = 0;
    let answered = 0;
    let current = -1;
    let sliceStarted = 0;
    const drain = (lane) => {
      while (lane.queue.length > 0 && lane.idle.length > 0) {
        const socket = lane.idle.pop();
        lane.sentOf.set(socket, lane.queue.shift());
        socket.write(lane.buffers[lane.sent++ % lane.buffers.length]);
      }
    };
    const finish = () => {
      resolve(
        lanes.map((lane) => {
          for (const s of lane.sockets) s.destroy();
          const sorted = lane.latencies.subarray(0, lane.done).sort();
          const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
          return {
            count: lane.done,
            bad: lane.bad,
            achieved: lane.done / (lane.measuredMs / 1000),
            p50: at(0.5),
            p99: at(0.99),
            p999: at(0.999),
            max: sorted.at(-1),
          };
        }),
      );
    };
    for (const lane of lanes) {
      for (let i = 0; i < connections; i++) {
        const socket = connection(lane.port, (status) => {
          const { due, measured } = lane.sentOf.get(socket);
          if (measured) lane.latencies[lane.done++] = performance.now() - due;
          if (status !== 200) lane.bad++;
          lane.idle.push(socket);
          if (++answered === total) finish();
          else drain(lane);
        });
        socket.on("error", reject);
        lane.sockets.push(socket);
        socket.once("connect", () => lane.idle.push(socket));
      }
    }
    const start = performance.now() + 20;
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000));
      while (issued < due) {
        const slice = sliceOf(issued);
        const lane = lanes[slice % n];
        const measured = slice >= unmeasuredSlices;
        if (slice !== current) {
          if (current >= unmeasuredSlices) lanes[current % n].measuredMs += now - sliceStarted;
          current = slice;
          sliceStarted = now;
        }
        lane.queue.push({ due: now, measured });
        issued++;
        drain(lane);
      }
      if (issued < total) setImmediate(tick);
      else lanes[current % n].measuredMs += now - sliceStarted;
    };
    setTimeout(tick, 25);
  });
}

/**
 * Closed-loop throughput side by side: the targets take turns in slices of `sliceMs`, each on
 * `connections` keep-alive connections of its own that send the next request as soon as the previous
 * answer arrives (as autocannon does, pipelining 1). When a slice's time is up, its connections send
 * nothing more, the answers in flight are waited for (and counted), and the next target's slice
 * starts, until each target has had `seconds` of measured slices after its own `leadIn`.
 *
 * Why: on a shared virtual machine the work a core does in a second changes by 2x within a minute (one
 * server's rounds of 5 s went from 17,400 to 9,500 requests per CPU-second, the code unchanged), so a
 * ratio of rates measured in rounds one after the other is mostly the machine's. In slices of a fifth
 * of a second, both servers see the machine alike. The wait for the answers in flight costs each
 * server about half of one round trip a slice, which is its own time to answer: a slower server loses
 * slightly more of its slice to it.
 *
 * `pid`: the server's process, whose CPU time during its slices is reported per second of them.
 * Returns one result per target: answers a second, server CPU, load generator CPU, count, bad.
 */
export function closedSideBySide({ targets, seconds, sliceMs = 200, connections = 32, leadIn = 0.5 }) {
  return new Promise((resolve, reject) => {
    const lanes = targets.map(({ port, buffers, pid }) => ({
      buffers,
      pid,
      sockets: [],
      sent: 0,
      done: 0,
      bad: 0,
      elapsedMs: 0,
      measuredMs: 0,
      serverCpu: 0,
      loadCpu: 0,
      port,
    }));
    let current = 0;
    let inFlight = 0;
    let answered = 0;
    let sliceStart = 0;
    let sliceEnd = 0;
    let cpuStart = 0;
    let selfStart = 0;
    const send = (lane, socket) => {
      inFlight++;
      socket.write(lane.buffers[lane.sent++ % lane.buffers.length]);
    };
    const startSlice = () => {
      const lane = lanes[current];
      answered = 0;
      cpuStart = lane.pid ? cpuSeconds(lane.pid) : 0;
      selfStart = SELF();
      sliceStart = performance.now();
      sliceEnd = sliceStart + sliceMs;
      for (const socket of lane.sockets) send(lane, socket);
    };
    const endSlice = () => {
      const lane = lanes[current];
      const ms = performance.now() - sliceStart;
      if (lane.elapsedMs >= leadIn * 1000) {
        lane.measuredMs += ms;
        lane.done += answered;
        lane.serverCpu += lane.pid ? cpuSeconds(lane.pid) - cpuStart : 0;
        lane.loadCpu += SELF() - selfStart;
      }
      lane.elapsedMs += ms;
      if (lanes.every((l) => l.measuredMs >= seconds * 1000)) {
        for (const l of lanes) for (const socket of l.sockets) socket.destroy();
        resolve(
          lanes.map((l) => ({
            rps: l.done / (l.measuredMs / 1000),
            serverCpu: l.pid ? l.serverCpu / (l.measuredMs / 1000) : null,
            loadCpu: l.loadCpu / (l.measuredMs / 1000),
            count: l.done,
            bad: l.bad,
          })),
        );
        return;
      }
      // The next target that still needs measured time.
      do current = (current + 1) % lanes.length;
      while (lanes[current].measuredMs >= seconds * 1000);
      setImmediate(startSlice);
    };
    let connecting = lanes.length * connections;
    for (const lane of lanes) {
      for (let i = 0; i < connections; i++) {
        const socket = connection(lane.port, (status) => {
          inFlight--;
          answered++;
          if (status !== 200) lane.bad++;
          if (performance.now() < sliceEnd) send(lane, socket);
          else if (inFlight === 0) endSlice();
        });
        socket.on("error", reject);
        socket.once("connect", () => {
          if (--connecting === 0) startSlice();
        });
        lane.sockets.push(socket);
      }
    }
  });
}

/** `pacedSideBySide` with one target: its result. */
/**
 * Rounds of a side-by-side measurement (closedSideBySide or pacedSideBySide, given as `measure`, which
 * takes the seconds each target runs): one warm-up of 2 s, then `rounds` measured rounds. Refuses a
 * round with any non-200 answer (`what` names the load in that error). `report(round, answers)` prints
 * progress. Returns each name's results, one a round.
 */
export async function sideBySideRounds({ names, measure, seconds, rounds, what, report }) {
  await measure(2);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const answers = await measure(seconds);
    for (const [k, name] of names.entries()) {
      if (answers[k].bad > 0) throw new Error(`${name}: ${answers[k].bad} non-200 answers under ${what}`);
      results[name].push(answers[k]);
    }
    report(round, answers);
  }
  return results;
}

export async function paced({ port, buffers, ...options }) {
  return (await pacedSideBySide({ targets: [{ port, buffers }], ...options }))[0];
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
