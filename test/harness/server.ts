import { createServer } from "node:net";
import { createTestApp, type TestApp, type TestAppOptions } from "./app.js";

/** A port nobody listens on right now (PUBLIC_URL must name the port before the app is built). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type TestServer = TestApp & { baseUrl: string };

/**
 * The real app listening on loopback, with the built console and the system clock: for browser tests.
 * PUBLIC_URL is the address the browser uses, so the CSRF origin check sees the same origin.
 */
export async function startTestServer(
  options: Omit<TestAppOptions, "clock" | "withConsole"> = {},
): Promise<TestServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp({
    ...options,
    clock: "system",
    withConsole: true,
    env: { PUBLIC_URL: baseUrl, PORT: String(port), ...options.env },
  });
  await t.app.listen({ port, host: "127.0.0.1" });
  return { ...t, baseUrl };
}
