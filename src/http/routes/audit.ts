import { Readable } from "node:stream";
import { z } from "zod";
import { auditCsvHeader, auditCsvLine, auditJsonLine } from "../../domain/audit-export.js";
import type { AuditEventFilter } from "../../services/audit/list-audit-events.js";
import { listAuditEvents } from "../../services/audit/list-audit-events.js";
import { verifyAuditChains } from "../../services/audit/verify-audit-chain.js";
import type { ServiceContext } from "../../services/context.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const auditEventView = z
  .object({
    id,
    seq: z.number().int(),
    action: z.string(),
    source: z.string(),
    actor: z.object({
      userId: id.nullable(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      apiKeyId: z.string().nullable(),
    }),
    target: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });

const isoTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

const filterQuery = {
  actorUserId: id.optional().describe("only changes made by this user"),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(200).optional(),
  action: z
    .string()
    .max(2000)
    .optional()
    .describe("one action or several, comma-separated (e.g. member.added,member.removed)"),
  from: isoTime.optional().describe("from this time (inclusive, ISO 8601)"),
  to: isoTime.optional().describe("until this time (exclusive, ISO 8601)"),
};

function filterFrom(query: {
  actorUserId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): AuditEventFilter {
  const actions = query.action
    ?.split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  return { ...query, actions };
}

const PAGE = 500;

async function* exportLines(
  ctx: ServiceContext,
  orgId: string,
  filter: AuditEventFilter,
  format: "csv" | "jsonl",
) {
  if (format === "csv") yield auditCsvHeader();
  let before: string | null = null;
  for (;;) {
    const page = await listAuditEvents(ctx, { orgId, filter, before, limit: PAGE });
    let chunk = "";
    for (const item of page.items) chunk += format === "csv" ? auditCsvLine(item) : auditJsonLine(item);
    if (chunk) yield chunk;
    if (!page.nextCursor) return;
    before = page.nextCursor;
  }
}

export const auditRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/audit-events",
    {
      config: { auth: orgRoute("audit:read") },
      schema: {
        tags: ["Audit"],
        summary: "The org's audit trail, newest first, filtered by actor, target, actions and time",
        params: orgParams,
        querystring: z.strictObject({ ...pageQuery, ...filterQuery }),
        response: { 200: pageOf(auditEventView), default: errorResponse },
      },
    },
    async (request) => {
      const { cursor, limit, ...query } = request.query;
      const page = await listAuditEvents(serviceContext(request, deps), {
        orgId: request.params.orgId,
        filter: filterFrom(query),
        before: decodeCursor(cursor),
        limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/audit-events/export",
    {
      config: { auth: orgRoute("audit:read") },
      schema: {
        tags: ["Audit"],
        summary: "Every matching entry, streamed as CSV (formula-safe, RFC 4180) or JSON Lines, newest first",
        params: orgParams,
        querystring: z.strictObject({ format: z.enum(["csv", "jsonl"]).default("csv"), ...filterQuery }),
        response: { 200: z.string().describe("text/csv or application/x-ndjson"), default: errorResponse },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const ctx = serviceContext(request, deps);
      reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${request.params.orgId}.${format}"`);
      const stream = Readable.from(exportLines(ctx, request.params.orgId, filterFrom(query), format));
      // A stream is sent as it is read, never serialized: the schema above documents its text.
      return reply.send(stream as unknown as string);
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/audit-events/verify",
    {
      config: { auth: orgRoute("audit:read") },
      schema: {
        tags: ["Audit"],
        summary: "Walk the org's hash chain: the first edited, removed or reordered entry, if any",
        params: orgParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number().int(),
            problem: z
              .object({
                seq: z.number().int(),
                entryId: z.string().nullable(),
                kind: z.enum(["edited", "removed", "reordered", "head_mismatch"]),
                message: z.string(),
              })
              .nullable(),
          }),
          default: errorResponse,
        },
      },
    },
    async (request) => {
      const [report] = await verifyAuditChains(deps.db, { orgId: request.params.orgId });
      const problem = report?.problem ?? null;
      return {
        ok: problem === null,
        entries: report?.entries ?? 0,
        problem: problem && {
          seq: problem.seq,
          entryId: problem.entryId,
          kind: problem.kind,
          message: problem.message,
        },
      };
    },
  );
};
