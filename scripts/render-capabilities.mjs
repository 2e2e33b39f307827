// Writes docs/capabilities.md from the action catalog (src/domain/access/catalog.ts), through the build.
// Run: npm run docs:capabilities. A unit test fails when the file and the catalog differ.
import { writeFileSync } from "node:fs";
import { renderCapabilityTable } from "../dist/domain/access/capability-table.js";

writeFileSync(new URL("../docs/capabilities.md", import.meta.url), renderCapabilityTable());
