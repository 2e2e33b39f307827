import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The console is a plain Vite app: Oxc compiles TSX with React's automatic JSX runtime, so no plugin
 * is needed. `npm run dev:web` serves it with the API proxied to a running `gatehouse serve`
 * (GATEHOUSE_API, default http://localhost:3000). Start that server with PUBLIC_URL set to the dev
 * server's address (http://localhost:5173): cookie-authenticated writes must come from PUBLIC_URL's origin.
 */
const apiTarget = process.env.GATEHOUSE_API ?? "http://localhost:3000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
