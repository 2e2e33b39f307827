// Shared by the decision benchmarks: figures with their targets, the table they print, and the
// machine's state (a busy machine makes every side slower, which the table should say).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { getHeapStatistics } from "node:v8";

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function fmt(n, digits = 0) {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * One line of the table. `ratio` is ours ÷ peer for rates ("higher") and ours ÷ peer for times too
 * ("lower" targets say "at most"); `target` is the bound on it.
 */
export function figure({ part, name, ours, peer, peerName, unit, ratio, target, better = "higher", note }) {
  const pass = target === undefined ? null : better === "higher" ? ratio >= target : ratio <= target;
  return { part, name, ours, peer, peerName, unit, ratio, target, better, pass, note };
}

/** An absolute target (no peer): ours against a bound, e.g. snapshot build < 200 ms. */
export function bound({ part, name, ours, unit, limit, note }) {
  return { part, name, ours, unit, limit, pass: ours < limit, note };
}

export function printTable(rows, out = console.log) {
  const cells = rows.map((r) => {
    const value = (v) => (v === undefined ? "" : `${fmt(v, v < 10 ? 2 : 0)} ${r.unit}`);
    const target =
      r.limit !== undefined
        ? `< ${fmt(r.limit)} ${r.unit}`
        : r.target === undefined
          ? ""
          : `${r.better === "higher" ? "≥" : "≤"} ${fmt(r.target, r.target < 10 ? 1 : 0)}x`;
    const verdict = r.pass === null || r.pass === undefined ? "" : r.pass ? "PASS" : "MISS";
    return [
      r.part,
      r.name,
      value(r.ours),
      r.peerName ? `${r.peerName}: ${value(r.peer)}` : "",
      // Enough digits that a ratio just short of its target (19.9x against 20x) does not print as it.
      r.ratio === undefined ? "" : `${fmt(r.ratio, r.ratio < 10 ? 2 : r.ratio < 100 ? 1 : 0)}x`,
      target,
      verdict,
    ];
  });
  const head = ["part", "figure", "Gatehouse", "peer", "ratio", "target", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  out(line(head));
  out(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) out(line(c));
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  if (notes.length > 0) out(`\nNotes:\n${notes.join("\n")}`);
}

/** Node, CPU and the load average: other work on the machine slows every side of a comparison. */
export function machineLine() {
  const [one, five] = loadavg();
  return `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${one.toFixed(2)} / ${five.toFixed(2)} (1 / 5 min)`;
}

/**
 * Re-runs this script under the flags it needs (a big heap for the million-member org, gc() to
 * measure heap) when it was started without them, so `node bench/decisions/x.mjs` works as is.
 */
export function ensureNodeFlags(script, { heapMiB = 0, exposeGc = false } = {}) {
  const heapOk = getHeapStatistics().heap_size_limit >= heapMiB * 1024 * 1024 * 0.9;
  const gcOk = !exposeGc || typeof globalThis.gc === "function";
  if (heapOk && gcOk) return;
  const flags = [
    ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []),
    ...(exposeGc ? ["--expose-gc"] : []),
  ];
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...flags, script, ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  process.exit(child.status ?? 1);
}

const SCHEDSTAT = "/proc/thread-self/schedstat";
const HAS_SCHEDSTAT = existsSync(SCHEDSTAT);

/**
 * CPU seconds used by this (the calling) thread: the time the JavaScript actually ran, with neither
 * the time other processes had the core nor V8's background GC threads (which run on the other core)
 * in it. From /proc/thread-self/schedstat (ns); elsewhere, the whole process's CPU time.
 */
export function threadCpuSeconds() {
  if (HAS_SCHEDSTAT) return Number(readFileSync(SCHEDSTAT, "latin1").split(" ")[0]) / 1e9;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export const progress = (message) => process.stderr.write(`  · ${message}\n`);

/**
 * The checkouts named in BENCH_BUILDS ("/path/to/other;."), resolved, for benchmarks that compare
 * builds side by side; an empty list when it is not set (the caller then measures this checkout).
 */
export function buildRoots() {
  return (process.env.BENCH_BUILDS ?? "")
    .split(";")
    .filter(Boolean)
    .map((root) => path.resolve(root));
}
