// The HTTP floor for bench/decisions/http.mjs: a bare Fastify app whose POST route parses the same
// JSON check body Gatehouse gets and answers a constant. No schema, no auth, no logging: whatever
// Gatehouse's decision route costs beyond this is the price of deciding (and of its plugins).
import Fastify from "fastify";

const app = Fastify();
app.get("/healthz", async () => ({ status: "ok" }));
app.post("/check", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT ?? 3998), host: "127.0.0.1" });
