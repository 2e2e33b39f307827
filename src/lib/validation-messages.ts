import { z } from "zod";

// What a person reads when a field of a request (or an environment variable) is wrong. Two validators
// check input: zod for every route and the configuration, and Ajv (code compiled from the same zod
// schemas) for the decision API's hot routes. Left to themselves they say "Invalid input: expected
// string, received undefined" and "must have required property 'action'" about the same mistake.
// Here both say it the same way, naming what to send: "is required", "must be one of: viewer, member,
// admin", "must have at most 64 characters". A message a schema gives itself (`z.uuid({ message })`)
// still wins over these.

type Limit = { origin: string; limit: number | bigint; inclusive: boolean; exact?: boolean };

/** "a string", "a whole number", ... for a JSON Schema or zod type name. */
function typeName(type: string): string {
  switch (type) {
    case "int":
    case "integer":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "an object";
    case "null":
      return "null";
    default:
      return `a ${type}`;
  }
}

/** What was sent instead, briefly: `5`, `true`, `null`, "a string", "a list", "an object". */
function sentName(input: unknown): string {
  if (input === null || typeof input === "number" || typeof input === "boolean") return String(input);
  if (typeof input === "string") return "a string";
  if (Array.isArray(input)) return "a list";
  return typeof input === "object" ? "an object" : typeof input;
}

const listOf = (values: readonly unknown[]) => values.map((v) => String(v)).join(", ");

/** The values a field may take: `"user"` for one, `one of: viewer, member, admin` for several. */
const choices = (values: readonly unknown[]) =>
  values.length === 1 ? JSON.stringify(values[0]) : `one of: ${listOf(values)}`;

const oneOf = (values: readonly unknown[]) => `must be ${choices(values)}`;

const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 || n === 1n ? "" : "s"}`;

/** A size limit on a string (characters), a list (items) or a number, from below or above. */
function limitMessage({ origin, limit, inclusive, exact }: Limit, side: "min" | "max"): string {
  if (origin === "string" || origin === "array" || origin === "set") {
    const size = origin === "string" ? plural(limit, "character") : plural(limit, "item");
    if (exact) return `must have exactly ${size}`;
    if (side === "min" && Number(limit) === 1) return "must not be empty";
    return `must have ${side === "min" ? "at least" : "at most"} ${size}`;
  }
  if (side === "min") return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

const FORMATS: Record<string, string> = {
  email: "must be an email address, like ada@example.com",
  url: "must be a URL, like https://example.com",
  uri: "must be a URL, like https://example.com",
  uuid: "must be an id as Gatehouse returns them",
  datetime: "must be a date and time in ISO 8601, like 2026-05-03T09:00:00Z",
  "date-time": "must be a date and time in ISO 8601, like 2026-05-03T09:00:00Z",
  date: "must be a date, like 2026-05-03",
};

/** zod's issue, as its error map receives it (`input` is there unless the field was left out). */
type ZodIssue = z.core.$ZodRawIssue;

/** A union's form (its issues): the type it expected, when the value was refused for its type alone. */
function typeRefused(form: readonly { code: string; path: readonly PropertyKey[]; expected?: string }[]) {
  const rootType = form.find((i) => i.code === "invalid_type" && i.path.length === 0);
  return rootType?.expected ?? null;
}

/** The message for one zod issue; undefined keeps zod's own. */
export function zodIssueMessage(issue: ZodIssue): string | undefined {
  const missing = issue.input === undefined;
  switch (issue.code) {
    case "invalid_type":
      if (missing) return "is required";
      // A coerced value (an environment variable's number) that could not be read is NaN by now.
      if (Number.isNaN(issue.input)) return `must be ${typeName(issue.expected)}`;
      return `must be ${typeName(issue.expected)}, not ${sentName(issue.input)}`;
    case "invalid_value":
      return missing ? `is required (${choices(issue.values)})` : oneOf(issue.values);
    case "too_small":
    case "too_big": {
      const { origin, inclusive = true, exact } = issue;
      const [limit, side] =
        issue.code === "too_small" ? [issue.minimum, "min" as const] : [issue.maximum, "max" as const];
      return limitMessage({ origin, limit, inclusive, exact }, side);
    }
    case "invalid_format":
      return FORMATS[issue.format];
    case "unrecognized_keys":
      return `unknown field(s): ${issue.keys.join(", ")}`;
    case "invalid_union": {
      if (missing) return "is required";
      // Each way the field could be, when each failed on its type alone: "must be a string or a list".
      const expected = issue.errors.map(typeRefused);
      if (expected.some((type) => type === null))
        return "is not in a form this field takes (see its schema at /api/v1/docs)";
      return `must be ${[...new Set(expected as string[])].map(typeName).join(" or ")}, not ${sentName(issue.input)}`;
    }
    default:
      return undefined;
  }
}

/** A wrong field: where it is (path segments) and what it needs. */
export type FieldIssue = { segments: string[]; message: string };

/** A zod issue as it comes out of a parse: unions keep each of their forms' own issues. */
type ParsedIssue = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
  errors?: readonly (readonly ParsedIssue[])[];
};

/**
 * The issues to show for one zod issue under `base`. A union that failed (a body that is a list, or an
 * object with items) can only say that the value fits none of its forms. When the value was of the
 * kind one of them takes (an array for the list form), that form's own issues say what is wrong
 * inside it ("0.level: must be one of: none, view, full"), so those are shown instead.
 */
export function zodFieldIssues(issue: ParsedIssue, base: readonly string[] = []): FieldIssue[] {
  const segments = [...base, ...issue.path.map(String)];
  if (issue.code === "invalid_union" && issue.errors !== undefined) {
    const matching = issue.errors.filter((form) => typeRefused(form) === null);
    const [form] = matching;
    if (matching.length === 1 && form !== undefined && form.length > 0)
      return form.flatMap((inner) => zodFieldIssues(inner, segments));
  }
  return [{ segments, message: issue.message }];
}

/** Installs zodIssueMessage as zod's error map for the process. Safe to call again. */
export function installValidationMessages(): void {
  z.config({ customError: zodIssueMessage });
}

/** One of Ajv's errors, as Fastify hands it over. */
export type AjvError = {
  keyword: string;
  instancePath?: string;
  message?: string;
  params: Record<string, unknown>;
};

/** Ajv's keywords for size limits, as limitMessage takes them. */
const AJV_LIMITS: Record<string, Omit<Limit, "limit"> & { side: "min" | "max" }> = {
  minLength: { origin: "string", inclusive: true, side: "min" },
  maxLength: { origin: "string", inclusive: true, side: "max" },
  minItems: { origin: "array", inclusive: true, side: "min" },
  maxItems: { origin: "array", inclusive: true, side: "max" },
  minimum: { origin: "number", inclusive: true, side: "min" },
  maximum: { origin: "number", inclusive: true, side: "max" },
  exclusiveMinimum: { origin: "number", inclusive: false, side: "min" },
  exclusiveMaximum: { origin: "number", inclusive: false, side: "max" },
};

/**
 * The path segments and message for one Ajv error, in zod's words above. Ajv reports a missing field
 * at its parent, so the field's name is added to the path.
 */
export function ajvErrorMessage(error: AjvError): { segments: string[]; message: string } {
  const segments = (error.instancePath ?? "").split("/").filter((s) => s !== "");
  const p = error.params;
  const limit = Object.hasOwn(AJV_LIMITS, error.keyword) ? AJV_LIMITS[error.keyword] : undefined;
  if (limit !== undefined)
    return { segments, message: limitMessage({ ...limit, limit: Number(p.limit) }, limit.side) };
  switch (error.keyword) {
    case "required":
      return { segments: [...segments, String(p.missingProperty)], message: "is required" };
    case "additionalProperties":
      return { segments, message: `unknown field(s): ${String(p.additionalProperty)}` };
    case "type":
      return { segments, message: `must be ${typeName(String(p.type))}` };
    case "enum":
      return { segments, message: oneOf(p.allowedValues as unknown[]) };
    case "const":
      return { segments, message: oneOf([p.allowedValue]) };
    case "format":
      return { segments, message: FORMATS[String(p.format)] ?? error.message ?? "is not valid" };
    default:
      return { segments, message: error.message ?? "is not valid" };
  }
}
