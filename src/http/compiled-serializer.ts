import fastJsonStringify, { type Schema } from "fast-json-stringify";
import { type ZodType, z } from "zod";

type JsonSchema = { [key: string]: unknown };

/** Keywords that only constrain or describe a value; a serializer writes the value either way. */
const CHECK_ONLY = new Set([
  "$schema",
  "format",
  "pattern",
  "description",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
]);

const isNullSchema = (schema: unknown) =>
  typeof schema === "object" && schema !== null && (schema as JsonSchema).type === "null";

/**
 * Zod writes `X | null` as `anyOf: [X, {type: "null"}]`, which fast-json-stringify resolves per value by
 * validating against each branch; `type: [X's type, "null"]` says the same and is a plain null check.
 */
function simplify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplify);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (CHECK_ONLY.has(key)) continue;
    if (key === "properties" || key === "definitions") {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, simplify(v)]));
    } else {
      out[key] = simplify(value);
    }
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && isNullSchema(anyOf[1])) {
    const some = anyOf[0] as JsonSchema;
    if (typeof some.type === "string") {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...some, type: [some.type, "null"] };
    }
  }
  return out;
}

/**
 * A serializer compiler for the listing routes (pages of 50 members or invitations, the dashboard): the
 * route's zod response schema (which also documents it in OpenAPI) becomes JSON Schema once, and
 * fast-json-stringify compiles it into a function that writes exactly the documented properties.
 * The zod serializer validates every value of the answer with zod and then runs JSON.stringify, which
 * is most of the time a page spends in Node after the query. What it no longer does is check our own
 * answers at run time (a string's format, an enum's value): the TypeScript types of the route's return
 * value do that at build time, and compiled-serializer.test.ts holds it to the zod serializer's output.
 */
export function compiledSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  const json = z.toJSONSchema(schema as ZodType, { io: "output", unrepresentable: "any", target: "draft-7" });
  return fastJsonStringify(simplify(json) as Schema);
}
