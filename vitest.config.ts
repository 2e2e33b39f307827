import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts", "test/cli/**/*.test.ts", "test/properties/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/harness/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/harness/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // As long as Playwright's own waits (30 s): expect.poll's 1 s default fails on a slow CI run,
          // as a background delivery or a page's first load can take longer than that there.
          expect: { poll: { timeout: 30_000 } },
          // After the other projects: Chromium and 300 API tests on two cores starve each other.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
