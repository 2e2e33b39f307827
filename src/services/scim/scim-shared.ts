import { translateDbError } from "../../db/errors.js";
import { AppError } from "../../domain/errors.js";
import { type Filter, matchesFilter, parseFilter, simpleEquality } from "../../domain/scim/filter.js";
import {
  LIST_RESPONSE_SCHEMA,
  type ResourceSchemas,
  resolvePath,
  splitAttributePath,
} from "../../domain/scim/schemas.js";
import { isScimError, ScimError } from "../../domain/scim/scim-error.js";
import type { Deps, ServiceContext } from "../context.js";

/** Who is calling the SCIM API: an org's SCIM token. */
export type ScimCaller = { orgId: string; tokenId: string; tokenPrefix: string; baseUrl: string };

/** SCIM requests act as the directory: audited with source "scim", no user behind them. */
export function scimContext(deps: Deps): ServiceContext {
  return { ...deps, actor: { kind: "system", source: "scim" }, access: null };
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Booleans as Entra sends them ("True", "False") or as JSON. */
export function readBoolean(value: unknown, name: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw new ScimError(400, `"${name}" must be true or false.`, "invalidValue");
}

/** The error a SCIM client sees for one of Gatehouse's own errors. */
export function toScimError(raw: unknown): unknown {
  const error = translateDbError(raw);
  if (isScimError(error)) return error;
  if (!(error instanceof AppError)) return error;
  switch (error.code) {
    case "NOT_FOUND":
      return new ScimError(404, error.message);
    case "LAST_ADMIN":
    case "LAST_TEAM_OWNER":
      return new ScimError(409, error.message);
    case "SEAT_LIMIT_REACHED": {
      const limit = error.details?.limit;
      const seats = typeof limit === "number" ? ` (limit ${limit})` : "";
      // A reactivation names the person (details.userId) and says so.
      return new ScimError(
        403,
        error.details?.userId
          ? `The organization has no free seat left${seats}, so this user cannot be reactivated: suspended users hold no seat. Free a seat or raise the limit in Gatehouse, then retry.`
          : `The organization has no free seat left${seats}. Free a seat or raise the limit in Gatehouse, then retry.`,
      );
    }
    case "VALIDATION_FAILED":
      return new ScimError(400, error.message, "invalidValue");
    default:
      return new ScimError(400, error.message);
  }
}

/** A key of `object` matching `name` case-insensitively (attribute names are case-insensitive). */
export function keyOf(object: Json, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

function parseAttributeList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.9): `id` and `schemas` are always returned; names
 * may carry a schema URN and a sub-attribute.
 */
export function projectResource(
  object: Json,
  resource: ResourceSchemas,
  query: { attributes?: string | undefined; excludedAttributes?: string | undefined },
): Json {
  const wanted = parseAttributeList(query.attributes);
  const excluded = parseAttributeList(query.excludedAttributes);
  const resolve = (text: string) => {
    const path = splitAttributePath(text, resource);
    const resolved = resolvePath(resource, path);
    if (!resolved) {
      throw new ScimError(
        400,
        `Unknown attribute "${text}" in attributes or excludedAttributes.`,
        "invalidPath",
      );
    }
    return resolved;
  };
  if (wanted.length > 0) {
    const out: Json = { schemas: object.schemas, id: object.id };
    for (const text of wanted) {
      const r = resolve(text);
      const source = r.extension ? object[r.extension] : object;
      if (!isObject(source)) continue;
      const key = keyOf(source, r.attribute.name);
      if (key === undefined) continue;
      if (r.extension && !isObject(out[r.extension])) out[r.extension] = {};
      const target = r.extension ? (out[r.extension] as Json) : out;
      if (!r.subAttribute) {
        (target as Json)[key] = source[key];
        continue;
      }
      const value = source[key];
      const sub = r.subAttribute.name;
      if (Array.isArray(value)) {
        const existing = Array.isArray((target as Json)[key]) ? ((target as Json)[key] as Json[]) : [];
        (target as Json)[key] = value.map((item, i) => {
          const subKey = isObject(item) ? keyOf(item, sub) : undefined;
          return { ...(existing[i] ?? {}), ...(subKey && isObject(item) ? { [subKey]: item[subKey] } : {}) };
        });
      } else if (isObject(value)) {
        const subKey = keyOf(value, sub);
        if (subKey !== undefined) {
          (target as Json)[key] = {
            ...(((target as Json)[key] as Json | undefined) ?? {}),
            [subKey]: value[subKey],
          };
        }
      }
    }
    return out;
  }
  if (excluded.length === 0) return object;
  const out = structuredClone(object);
  for (const text of excluded) {
    const r = resolve(text);
    if (r.attribute.name === "id") continue;
    const source = r.extension ? out[r.extension] : out;
    if (!isObject(source)) continue;
    const key = keyOf(source, r.attribute.name);
    if (key === undefined) continue;
    if (!r.subAttribute) {
      delete source[key];
      continue;
    }
    const value = source[key];
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (!isObject(item)) continue;
      const subKey = keyOf(item, r.subAttribute.name);
      if (subKey !== undefined) delete item[subKey];
    }
  }
  return out;
}

/** The largest page a list returns (advertised as filter.maxResults). */
export const MAX_RESULTS = 200;

export type ListQuery = {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
};

function readInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d+$/.test(text.trim())) {
    throw new ScimError(400, `${name} must be an integer, not "${text}".`, "invalidValue");
  }
  return Number.parseInt(text, 10);
}

/**
 * How a list request reads its filter: `attr eq "value"` on an indexed attribute (Okta's and Entra's
 * lookups, Entra's random-userName probe) becomes an indexed `lookup`; any other filter is kept to be
 * evaluated against the org's resources with `keep`. `indexed` maps attribute names to columns;
 * `caseInsensitive` is the column that holds a lower-cased key.
 */
export function planListFilter<C extends string>(
  query: ListQuery,
  resource: ResourceSchemas,
  indexed: Readonly<Record<string, C>>,
  caseInsensitive: C,
): { lookup: { column: C; value: string } | undefined; keep: (item: Json) => boolean } {
  const filter: Filter | undefined = query.filter?.trim() ? parseFilter(query.filter, resource) : undefined;
  const equality = filter ? simpleEquality(filter, resource) : undefined;
  const column = equality ? indexed[equality.attribute] : undefined;
  if (equality && column) {
    const value = column === caseInsensitive ? equality.value.toLowerCase() : equality.value;
    return { lookup: { column, value }, keep: () => true };
  }
  return { lookup: undefined, keep: (item) => !filter || matchesFilter(filter, item, resource) };
}

/** startIndex is 1-based (below 1 means 1); count is capped at MAX_RESULTS (below 0 means 0). */
export function readPage(query: ListQuery): { startIndex: number; count: number } {
  const startIndex = Math.max(1, readInteger(query.startIndex, "startIndex", 1));
  const count = Math.min(MAX_RESULTS, Math.max(0, readInteger(query.count, "count", MAX_RESULTS)));
  return { startIndex, count };
}

export function listResponse(
  all: readonly Json[],
  page: { startIndex: number; count: number },
  resource: ResourceSchemas,
  query: ListQuery,
): Json {
  const slice = all.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: all.length,
    startIndex: page.startIndex,
    itemsPerPage: slice.length,
    Resources: slice.map((item) => projectResource(item, resource, query)),
  };
}

/** `W/"n"`: the resource version, as meta.version. */
export const versionTag = (version: number) => `W/"${version}"`;
