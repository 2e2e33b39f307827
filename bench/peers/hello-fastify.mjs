// The peer for bench/first-run.mjs: the smallest honest Fastify service on the same SQLite driver,
// with a health route and a POST that validates a JSON body and inserts one row in a transaction.

import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import Fastify from "fastify";

const dataDir = process.env.DATA_DIR ?? "./peer-data";
mkdirSync(dataDir, { recursive: true });
const db = new Database(path.join(dataDir, "peer.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "create table if not exists items (id integer primary key, email text not null unique, role text not null, created_at text not null)",
);
const insert = db.prepare("insert into items (email, role, created_at) values (?, ?, ?)");

const app = Fastify();
app.get("/healthz", async () => ({ status: "ok" }));
app.post(
  "/items",
  {
    schema: {
      body: {
        type: "object",
        required: ["email", "role"],
        properties: { email: { type: "string" }, role: { type: "string" } },
      },
    },
  },
  async (request, reply) => {
    const { email, role } = request.body;
    const info = db.transaction(() =>
      insert.run(email.trim().toLowerCase(), role, new Date().toISOString()),
    )();
    return reply.status(201).send({ id: Number(info.lastInsertRowid) });
  },
);
await app.listen({ port: Number(process.env.PORT ?? 3999), host: "127.0.0.1" });
