// What a filled decision memo holds when its checks came as request bodies, read as the decision routes
// read them (parseCheckBody, src/http/check-body.ts) against JSON.parse. parseCheckBody's ids are views
// into the body (V8 keeps substrings of 13 characters or more as slices of their parent); the memo keeps
// copies of them (decision-memo.ts), or it would keep every body whose checks it remembers. Two
// policies of the benchmark's org are filled side by side, batch by batch, with the same 200,000 checks
// in batches of 100; the memory each one grew by (the JS heap and array buffers: the memo's id table,
// id-memo.ts, is one) is printed, and their ratio, which should be about 1.00x. parseCheckBody is
// handed the body's bytes as the routes hand them, so its checks carry their ids as numbers and are
// kept in the id table; JSON.parse's are kept under their ids' text.
//   npm run build:server && node bench/decisions/body-memory.mjs
import { fileURLToPath } from "node:url";
import { evaluate } from "../../dist/domain/access/evaluate.js";
import { compilePolicy } from "../../dist/domain/access/policy.js";
import { parseCheckBody } from "../../dist/http/check-body.js";
import { generatePolicy, NOW_MS } from "./policy.mjs";
import { ensureNodeFlags, fmt } from "./report.mjs";
import { checkBody } from "./servers.mjs";
import { agentChecks } from "./workload.mjs";

ensureNodeFlags(fileURLToPath(import.meta.url), { exposeGc: true });

const { data } = generatePolicy({ people: 10_000 });
const checks = agentChecks(data, 200_000, 99);
const readers = {
  parseCheckBody: (text) => parseCheckBody(text, Buffer.from(text, "latin1")),
  "JSON.parse": (text) => JSON.parse(text),
};
const policies = Object.fromEntries(Object.keys(readers).map((name) => [name, compilePolicy(data)]));
const grown = Object.fromEntries(Object.keys(readers).map((name) => [name, 0]));

const used = () => {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

// A tenth at a time, each reader in turn, so that both see the same heap around them.
const STEP = checks.length / 10;
for (let from = 0; from < checks.length; from += STEP) {
  for (const [name, read] of Object.entries(readers)) {
    const before = used();
    for (let i = from; i < from + STEP; i += 100) {
      const body = JSON.stringify({ checks: checks.slice(i, i + 100).map(checkBody) });
      for (const check of read(body).checks) evaluate(policies[name], check, NOW_MS);
    }
    grown[name] += used() - before;
  }
}

const mib = (bytes) => `${fmt(bytes / 1048576, 1)} MiB`;
for (const name of Object.keys(readers)) {
  console.log(`${name.padEnd(15)} memo of ${fmt(policies[name].memo.size)} decisions: ${mib(grown[name])}`);
}
const table = policies.parseCheckBody.memo.byIds;
console.log(`  of which the id table: ${fmt(table.size)} decisions, ${mib(table.tableBytes)} of slots`);
console.log(
  `ratio ${fmt(grown.parseCheckBody / grown["JSON.parse"], 2)}x (about 1.00x: the memo keeps no body; keeping them measured 1.45x)`,
);
