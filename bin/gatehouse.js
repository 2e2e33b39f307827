#!/usr/bin/env node
// The CLI runs the compiled build: `npm install` builds it (the `prepare` script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  console.error(
    "gatehouse: the build is missing. Run `npm install` (or `npm run build`) in the Gatehouse folder first.",
  );
  process.exit(1);
}
await import(main);
