// Issue 4, where an import's memory goes: one CSV import (the team format of bench/imports.mjs, 2%
// invalid, 1% duplicates) under V8's sampling heap profiler, counting objects that garbage collection
// already freed too, so the total is what the import allocated, not what it kept. Prints MB allocated
// per chunk of 500 rows and the functions that allocate most; then, for a second import of the same
// file, only what survived young-generation collections. Load-insensitive, unlike timings.
// Run: npm run build:server && node bench/import-allocation.mjs   (BENCH_ROWS=20000, BENCH_TOP=15)
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROWS = Number(process.env.BENCH_ROWS ?? 20000);
const TOP = Number(process.env.BENCH_TOP ?? 15);
const CHUNK = 500;

const lines = ["email,first_name,last_name,role,department,manager_email"];
for (let n = 0; n < ROWS; n++) {
  if (n % 50 === 49) lines.push(`broken-${n},B,C,member,eng,`);
  else if (n % 100 === 98) lines.push(`p${n - 10}@bench.test,Dup,Row,member,eng,`);
  else
    lines.push(
      `p${n}@bench.test,First${n},Last${n},${n % 10 === 0 ? "admin" : "member"},dept${n % 20},m${n % 100}@bench.test`,
    );
}
const dataDir = mkdtempSync(path.join(tmpdir(), "bench-import-alloc-"));
const file = path.join(dataDir, "rows.csv");
writeFileSync(file, `${lines.join("\n")}\n`);
lines.length = 0;

const { loadConfig } = await import(path.join(ROOT, "dist/config.js"));
const { openDeps } = await import(path.join(ROOT, "dist/deps.js"));
const { systemContext } = await import(path.join(ROOT, "dist/services/context.js"));
const { createOrganization } = await import(path.join(ROOT, "dist/services/orgs/create-organization.js"));
const { runImport } = await import(path.join(ROOT, "dist/services/imports/run-import.js"));
const env = { ...process.env };
delete env.DATABASE_URL;
const config = loadConfig(env, { dataDir, logLevel: "warn" });
const passwords = { hash: async (p) => `plain:${p}`, verify: async (h, p) => h === `plain:${p}` };
const deps = await openDeps(config, { passwords });

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");

/** One import of the file into a new org under the sampling heap profiler: bytes by allocating function. */
async function profiledImport(orgName, includeObjectsCollectedByMinorGC) {
  const { org } = await createOrganization(systemContext(deps, "cli"), {
    name: orgName,
    plan: "enterprise",
    admin: { email: `admin@${orgName}.test`, name: "Ada", password: "correct horse battery" },
  });
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC,
  });
  const result = await runImport(systemContext(deps, "cli"), {
    orgId: org.id,
    open: () => createReadStream(file),
    sha256: "0".repeat(64),
    idempotencyKey: null,
    dryRun: false,
  });
  const { profile } = await session.post("HeapProfiler.stopSampling");
  const bytesBy = new Map();
  let total = 0;
  const walk = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${functionName || "(anonymous)"} ${url.replace(/^.*?\/(node_modules|dist)\//, "$1/")}:${lineNumber + 1}`;
    total += node.selfSize;
    bytesBy.set(where, (bytesBy.get(where) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  return { result, total, bytesBy };
}

const printTop = (bytesBy) => {
  for (const [where, bytes] of [...bytesBy].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`  ${String(Math.round(bytes / ROWS)).padStart(6)} B/row  ${where}`);
  }
};

// Everything the import allocated, garbage included.
const all = await profiledImport("bench", true);
const chunks = ROWS / CHUNK;
console.log(
  `Import of ${ROWS} rows (invited ${all.result.import.invited}), SQLite: ${(all.total / 1e6).toFixed(1)} MB allocated = ${(all.total / chunks / 1e6).toFixed(2)} MB per chunk of ${CHUNK} = ${Math.round(all.total / ROWS)} bytes per row`,
);
printTop(all.bytesBy);

// Only what outlived V8's young-generation collections (scavenges): promoted to the old generation,
// where it stays until a full GC, so it is what makes the peak grow with the file. The chunk in flight
// when a scavenge runs is live and counts (about 500 rows' worth per scavenge); anything well above
// that is garbage that failed to die young (an object spread with an added key did, on Node 20).
const survived = await profiledImport("survivors", false);
console.log(
  `\nThe same import again, counting only what survived young-generation collections: ${(survived.total / 1e6).toFixed(1)} MB = ${Math.round(survived.total / ROWS)} bytes per row`,
);
printTop(survived.bytesBy);
session.disconnect();
await deps.close();
rmSync(dataDir, { recursive: true, force: true });
