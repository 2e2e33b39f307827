import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = import.meta.dirname;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("layers (ARCHITECTURE.md)", () => {
  it("src/domain imports only src/domain: no db, http, services or node I/O", () => {
    for (const file of sourceFiles(path.join(SRC, "domain"))) {
      for (const spec of importsOf(file)) {
        const target = path.resolve(path.dirname(file), spec);
        const insideDomain = spec.startsWith(".") && target.startsWith(path.join(SRC, "domain"));
        expect(insideDomain, `${path.relative(SRC, file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it("routes call services, never queries or the database directly", () => {
    for (const file of sourceFiles(path.join(SRC, "http", "routes"))) {
      for (const spec of importsOf(file)) {
        expect(spec.includes("/db/"), `${path.relative(SRC, file)} imports ${spec}`).toBe(false);
      }
    }
  });

  it("only src/config.ts reads the environment", () => {
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith(`${path.sep}config.ts`)) continue;
      expect(/process\.env/.test(readFileSync(file, "utf8")), path.relative(SRC, file)).toBe(false);
    }
  });
});
