import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";
import { DEFAULT_PASSWORD } from "../harness/app.js";
import { startTestServer, type TestServer } from "../harness/server.js";

/** Debian's Chromium by default; CI or other systems point CHROMIUM_PATH elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

const WEB_INDEX = fileURLToPath(new URL("../../web/dist/index.html", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));

/** The browser tests drive the built console: say how to build it rather than fail obscurely. */
export function assertConsoleBuilt(): void {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`The console is not built (${WEB_INDEX} is missing). Run \`npm run build:web\` first.`);
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** What a browser suite runs against: filled in before its first test, closed after its last. */
export type ChromiumSuite = { server: TestServer; browser: Browser };

/**
 * A `describe` with a Gatehouse server on loopback (serving the built console) and one Chromium for
 * all its tests, skipped with a warning when there is no Chromium. `serverOptions` reach
 * `startTestServer` (e.g. `{ env: { … } }`); the body's own `beforeAll` hooks run after these.
 */
export function describeInChromium(
  name: string,
  body: (suite: ChromiumSuite) => void,
  serverOptions: Parameters<typeof startTestServer>[0] = {},
): void {
  if (!hasChromium) {
    console.warn(
      `skipped "${name}": no Chromium at ${CHROMIUM_PATH}; install chromium or set CHROMIUM_PATH to run the browser tests.`,
    );
  }
  describe.skipIf(!hasChromium)(name, () => {
    const suite = {} as ChromiumSuite;
    beforeAll(async () => {
      assertConsoleBuilt();
      suite.server = await startTestServer(serverOptions);
      suite.browser = await launchChromium();
    });
    afterAll(async () => {
      await suite.browser?.close();
      await suite.server?.close();
    });
    body(suite);
  });
}

/** A fresh profile (no cookies, no storage): one person in one browser. */
export async function newPerson(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const page = await context.newPage();
  return { context, page };
}

/** Saves test-results/screenshots/<name>.png (looked at by people, and the README's docs/console.png). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: `${SCREENSHOTS}${name}.png`,
    fullPage: options.fullPage ?? true,
    animations: "disabled",
  });
}

/**
 * An API call as a signed-in person. The Origin must be the test server's own: the harness's
 * `request()` defaults to http://gatehouse.test, which the listening server (PUBLIC_URL = its loopback
 * address) refuses as cross-site.
 */
export async function apiAs(
  server: TestServer,
  cookie: string,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
) {
  const response = await server.request({ method, url, cookie, body, origin: server.baseUrl });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Signs in through the console's sign-in page and waits for the organization it lands on. */
export async function signInThroughConsole(
  page: Page,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<void> {
  await page.goto("/login");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/orgs\/[0-9a-f-]+$/);
}
