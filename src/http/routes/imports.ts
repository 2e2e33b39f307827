import type { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { IMPORT_OUTCOMES } from "../../domain/imports.js";
import { getImport } from "../../services/imports/get-import.js";
import { importRowsCsv, listImportRows } from "../../services/imports/list-import-rows.js";
import type { ImportRow } from "../../services/imports/list-imports.js";
import { listImports } from "../../services/imports/list-imports.js";
import { runImport } from "../../services/imports/run-import.js";
import { spoolCsv } from "../../services/imports/spool-csv.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, orgParams, timestamp } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

/** The largest CSV one upload takes (about 2 million rows of the team format). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const importParams = z.strictObject({ orgId: id, importId: id });
const outcome = z.enum(IMPORT_OUTCOMES);
const count = z.number().int();
const counts = z.object({
  invited: count,
  already_member: count,
  already_invited: count,
  duplicate_in_file: count,
  invalid: count,
});

export const importView = z
  .object({
    id,
    format: z.enum(["bulk", "team"]),
    dryRun: z.boolean(),
    status: z.enum(["running", "completed"]),
    totalRows: z.number().int(),
    counts: counts.describe(
      "Rows per outcome: invited, already_member, already_invited, duplicate_in_file, invalid",
    ),
    fileSha256: z.string(),
    idempotencyKey: z.string().nullable(),
    source: z.string(),
    createdBy: id.nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "Import" });

const importRowView = z
  .object({
    line: z.number().int().describe("Record number in the file; the header is 1"),
    email: z.string(),
    outcome,
    reason: z.string().nullable(),
    invitationId: id.nullable(),
  })
  .meta({ id: "ImportRow" });

function toView(row: ImportRow) {
  return {
    id: row.id,
    format: row.format,
    dryRun: Boolean(row.dry_run),
    status: row.status,
    totalRows: Number(row.total_rows),
    counts: {
      invited: Number(row.invited),
      already_member: Number(row.already_member),
      already_invited: Number(row.already_invited),
      duplicate_in_file: Number(row.duplicate_in_file),
      invalid: Number(row.invalid),
    },
    fileSha256: row.file_sha256,
    idempotencyKey: row.idempotency_key,
    source: row.source,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}

export const importRoutes: RouteModule = (app, deps) => {
  const r = typed(app);
  // The CSV is handed to the route as the raw stream and spooled to disk: never buffered whole.
  app.addContentTypeParser("text/csv", (_request, payload, done) => done(null, payload));

  r.post(
    "/api/v1/orgs/:orgId/imports",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Imports"],
        summary: "Import invitations from a CSV (Content-Type: text/csv), streamed; runs within the request",
        description:
          "Header `email,role,department,message` (bulk) or `email,first_name,last_name,role,department,manager_email` (team import). Every row goes through the single invitation's rules and gets an outcome. Chunks of 500 rows commit one by one: send the same Idempotency-Key (default none) with the same file again after a lost connection and the import resumes where it stopped, or returns the finished report (200). The same key with another file is IMPORT_KEY_REUSED. `dryRun=true` writes only the report.",
        params: orgParams,
        querystring: z.strictObject({
          dryRun: z
            .enum(["true", "false"])
            .default("false")
            .transform((value) => value === "true"),
        }),
        headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }),
        response: { 201: importView, 200: importView, default: errorResponse },
      },
    },
    async (request, reply) => {
      if (!request.headers["content-type"]?.startsWith("text/csv")) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
          message: "Send the CSV file as the body with Content-Type: text/csv.",
        });
      }
      const spooled = await spoolCsv(request.body as Readable, IMPORT_MAX_BYTES);
      try {
        const result = await runImport(serviceContext(request, deps), {
          orgId: request.params.orgId,
          open: spooled.open,
          sha256: spooled.sha256,
          idempotencyKey: request.headers["idempotency-key"] ?? null,
          dryRun: request.query.dryRun,
        });
        if (result.replayed) reply.header("Idempotent-Replayed", "true");
        return reply.status(result.replayed ? 200 : 201).send(toView(result.import));
      } finally {
        await spooled.remove();
      }
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/imports",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Imports"],
        summary: "Imports of this org, newest first",
        params: orgParams,
        querystring: z.strictObject({
          cursor: id.optional().describe("nextCursor of the previous page"),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({ items: z.array(importView), nextCursor: z.string().nullable() }),
          default: errorResponse,
        },
      },
    },
    async (request) => {
      const page = await listImports(serviceContext(request, deps), {
        orgId: request.params.orgId,
        before: request.query.cursor ?? null,
        limit: request.query.limit,
      });
      return { items: page.items.map(toView), nextCursor: page.nextCursor };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/imports/:importId",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Imports"],
        summary: "One import with its counts per outcome",
        params: importParams,
        response: { 200: importView, default: errorResponse },
      },
    },
    async (request) => toView(await getImport(serviceContext(request, deps), request.params)),
  );

  r.get(
    "/api/v1/orgs/:orgId/imports/:importId/rows",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Imports"],
        summary: "The report of an import: one entry per CSV record, in file order",
        params: importParams,
        querystring: z.strictObject({
          outcome: outcome.optional(),
          cursor: z.coerce.number().int().min(0).optional().describe("nextCursor of the previous page"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(importRowView), nextCursor: z.number().int().nullable() }),
          default: errorResponse,
        },
      },
    },
    async (request) => {
      const page = await listImportRows(serviceContext(request, deps), {
        ...request.params,
        outcome: request.query.outcome,
        afterLine: request.query.cursor ?? 0,
        limit: request.query.limit,
      });
      return {
        items: page.items.map((row) => ({
          line: Number(row.line),
          email: row.email,
          outcome: row.outcome,
          reason: row.reason,
          invitationId: row.invitation_id,
        })),
        nextCursor: page.nextLine,
      };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/imports/:importId/rows.csv",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Imports"],
        summary:
          "The whole report as CSV (line,email,outcome,reason,invitation_id), safe to open in spreadsheets",
        params: importParams,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request, deps);
      const run = await getImport(ctx, request.params);
      const lines = importRowsCsv(ctx, request.params);
      const first = await lines.next();
      const { Readable: ReadableStream } = await import("node:stream");
      const rest = async function* () {
        if (!first.done) yield first.value;
        yield* lines;
      };
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="import-${run.id}.csv"`)
        .send(ReadableStream.from(rest()));
    },
  );
};
