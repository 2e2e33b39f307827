// Every decision benchmark of issue 3, one after the other (never two at once: the machine has two
// cores), then one table of figures, ratios and PASS/MISS against the targets.
// Run: npm run bench:decisions   (builds the server first). Each part also runs alone:
//   node bench/decisions/in-process.mjs    node bench/decisions/http.mjs    node bench/decisions/latency.mjs
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { machineLine, printTable } from "./report.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Each part in a process of its own: the latency figure compares a heap holding a 1,000,000-person
// org with one holding 1,000 people, so it does not share its process with the peers' policies.
const PARTS = ["in-process.mjs", "latency.mjs", "http.mjs"];

function runPart(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(HERE, file), "--json"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1);
      try {
        resolve({ code, ...JSON.parse(line) });
      } catch {
        reject(new Error(`${file} exited ${code} without results:\n${out}`));
      }
    });
  });
}

const startedAt = machineLine();
const started = performance.now();
const results = [];
for (const part of PARTS) {
  console.error(`\n${part}`);
  results.push(await runPart(part));
}
const rows = results.flatMap((r) => r.rows);
const disagreements = results.flatMap((r) => r.disagreements);

console.log("\nGatehouse decision benchmarks (issue 3)");
console.log(`at start: ${startedAt}`);
console.log(`at end:   ${machineLine()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
console.log(
  "Ratios are Gatehouse ÷ peer for rates and sizes, and Gatehouse's time ÷ the peer's for latencies.\n",
);
printTable(rows);
const passed = rows.filter((r) => r.pass === true).length;
const missed = rows.filter((r) => r.pass === false).length;
console.log(
  `\n${passed} targets passed, ${missed} missed; ${disagreements.length} disagreements between engines.`,
);
if (disagreements.length > 0) {
  for (const d of disagreements.slice(0, 50)) console.error(JSON.stringify(d));
  process.exitCode = 1;
}
if (results.some((r) => r.code !== 0)) process.exitCode = 1;
