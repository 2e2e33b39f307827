import { type ResolvedPath, type ResourceSchemas, resolvePath, splitAttributePath } from "./schemas.js";
import { ScimError } from "./scim-error.js";

/**
 * SCIM filters (RFC 7644 §3.4.2.2): parsed into a tree, then evaluated against resources. Operators,
 * keywords and attribute names are case-insensitive; precedence is `not` > `and` > `or`.
 */

export const COMPARE_OPERATORS = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];
export type FilterValue = string | number | boolean | null;

export type AttributePath = {
  schema: string | undefined;
  attribute: string;
  subAttribute: string | undefined;
};

export type Filter =
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; filter: Filter }
  | { kind: "present"; path: AttributePath }
  | { kind: "compare"; op: CompareOperator; path: AttributePath; value: FilterValue }
  /** `emails[type eq "work"]`: an element of a multi-valued attribute matches the inner filter. */
  | { kind: "valuePath"; path: AttributePath; filter: Filter };

type Token =
  | { type: "(" | ")" | "[" | "]"; at: number }
  | { type: "word"; text: string; at: number }
  | { type: "string"; value: string; at: number }
  | { type: "number"; value: number; at: number };

function invalid(detail: string): ScimError {
  return new ScimError(400, detail, "invalidFilter");
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
    } else if (ch === "(" || ch === ")" || ch === "[" || ch === "]") {
      tokens.push({ type: ch, at: i });
      i++;
    } else if (ch === '"') {
      // A JSON string: find its closing quote, skipping escaped characters, and let JSON decode it.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length)
        throw invalid(`The filter has a string that is never closed (at character ${i + 1}).`);
      try {
        tokens.push({ type: "string", value: JSON.parse(text.slice(i, j + 1)) as string, at: i });
      } catch {
        throw invalid(`The filter has a badly escaped string at character ${i + 1}.`);
      }
      i = j + 1;
    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
      if (!match) throw invalid(`The filter has an unexpected "${ch}" at character ${i + 1}.`);
      tokens.push({ type: "number", value: Number(match[0]), at: i });
      i += match[0].length;
    } else {
      const match = /^[A-Za-z_$][A-Za-z0-9_$.:-]*/.exec(text.slice(i));
      if (!match) throw invalid(`The filter has an unexpected "${ch}" at character ${i + 1}.`);
      tokens.push({ type: "word", text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly resource: ResourceSchemas,
  ) {}

  parse(): Filter {
    if (this.tokens.length === 0) throw invalid("The filter is empty.");
    const filter = this.or();
    const extra = this.tokens[this.position];
    if (extra) throw invalid(`The filter has something unexpected at character ${extra.at + 1}.`);
    return filter;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token?.type === "word" && token.text.toLowerCase() === word) {
      this.position++;
      return true;
    }
    return false;
  }

  private expect(type: "(" | ")" | "[" | "]"): void {
    const token = this.peek();
    if (token?.type !== type) {
      const where = token ? `at character ${token.at + 1}` : "at the end";
      throw invalid(`The filter is missing "${type}" ${where}.`);
    }
    this.position++;
  }

  private or(): Filter {
    let left = this.and();
    while (this.keyword("or")) left = { kind: "or", left, right: this.and() };
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.keyword("and")) left = { kind: "and", left, right: this.unary() };
    return left;
  }

  private unary(): Filter {
    if (this.keyword("not")) {
      this.expect("(");
      const filter = this.or();
      this.expect(")");
      return { kind: "not", filter };
    }
    if (this.peek()?.type === "(") {
      this.position++;
      const filter = this.or();
      this.expect(")");
      return filter;
    }
    return this.attributeExpression();
  }

  private attributeExpression(): Filter {
    const token = this.peek();
    if (token?.type !== "word") {
      const where = token ? `at character ${token.at + 1}` : "at the end";
      throw invalid(`The filter expects an attribute name ${where}.`);
    }
    this.position++;
    const path = splitAttributePath(token.text, this.resource);
    if (this.peek()?.type === "[") {
      this.position++;
      const filter = this.or();
      this.expect("]");
      return { kind: "valuePath", path, filter };
    }
    const opToken = this.peek();
    if (opToken?.type !== "word") throw invalid(`The filter expects an operator after "${token.text}".`);
    const op = opToken.text.toLowerCase();
    this.position++;
    if (op === "pr") return { kind: "present", path };
    if (!(COMPARE_OPERATORS as readonly string[]).includes(op)) {
      throw invalid(
        `"${opToken.text}" is not a SCIM filter operator (use eq, ne, co, sw, ew, gt, lt, ge, le or pr).`,
      );
    }
    return { kind: "compare", op: op as CompareOperator, path, value: this.value() };
  }

  private value(): FilterValue {
    const token = this.peek();
    this.position++;
    if (token?.type === "string" || token?.type === "number") return token.value;
    if (token?.type === "word") {
      const word = token.text.toLowerCase();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null") return null;
    }
    const where = token ? `at character ${token.at + 1}` : "at the end";
    throw invalid(`The filter expects a value (a quoted string, a number, true, false or null) ${where}.`);
  }
}

/** Parses a filter for a resource type; unknown attributes are refused with `invalidFilter`. */
export function parseFilter(text: string, resource: ResourceSchemas): Filter {
  const filter = new Parser(tokenize(text), resource).parse();
  checkAttributes(filter, resource, undefined);
  return filter;
}

function checkAttributes(filter: Filter, resource: ResourceSchemas, parent: AttributePath | undefined): void {
  switch (filter.kind) {
    case "and":
    case "or":
      checkAttributes(filter.left, resource, parent);
      checkAttributes(filter.right, resource, parent);
      return;
    case "not":
      checkAttributes(filter.filter, resource, parent);
      return;
    case "valuePath":
      resolveOrThrow(filter.path, resource, undefined);
      checkAttributes(filter.filter, resource, filter.path);
      return;
    default:
      resolveOrThrow(filter.path, resource, parent);
  }
}

function pathText(path: AttributePath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${name}` : name;
}

/** Inside `emails[…]`, `type` means `emails.type`. */
function resolveOrThrow(
  path: AttributePath,
  resource: ResourceSchemas,
  parent: AttributePath | undefined,
): ResolvedPath {
  const full =
    parent && path.schema === undefined && path.subAttribute === undefined
      ? { schema: parent.schema, attribute: parent.attribute, subAttribute: path.attribute }
      : path;
  const resolved = resolvePath(resource, full);
  if (!resolved)
    throw invalid(`The filter names "${pathText(full)}", which ${resource.core.name} resources do not have.`);
  return resolved;
}

type Json = unknown;

function readAttribute(resourceObject: Record<string, Json>, resolved: ResolvedPath): Json {
  const base = resolved.extension
    ? (resourceObject[resolved.extension] as Record<string, Json> | undefined)
    : resourceObject;
  return base?.[resolved.attribute.name];
}

/** Every value the path reaches: multi-valued attributes fan out; complex multi-valued ones compare `value`. */
function valuesAt(container: Json, resolved: ResolvedPath): Json[] {
  const raw =
    container && typeof container === "object" && !Array.isArray(container)
      ? readAttribute(container as Record<string, Json>, resolved)
      : undefined;
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const sub = resolved.subAttribute?.name ?? (resolved.attribute.type === "complex" ? "value" : undefined);
  if (sub === undefined) return items;
  return items
    .map((item) => (item && typeof item === "object" ? (item as Record<string, Json>)[sub] : undefined))
    .filter((v) => v !== undefined && v !== null);
}

function caseExactOf(resolved: ResolvedPath): boolean {
  return (resolved.subAttribute ?? resolved.attribute).caseExact;
}

function typeOf(resolved: ResolvedPath): string {
  const def = resolved.subAttribute ?? resolved.attribute;
  if (def.type === "complex")
    return resolved.attribute.subAttributes?.find((a) => a.name === "value")?.type ?? "string";
  return def.type;
}

function compareOne(
  op: CompareOperator,
  actual: Json,
  expected: FilterValue,
  caseExact: boolean,
  type: string,
): boolean {
  if (expected === null) return op === "eq" ? actual === null : op === "ne" ? actual !== null : false;
  if (typeof actual === "boolean" || typeof expected === "boolean") {
    const a = typeof actual === "string" ? actual.toLowerCase() === "true" : actual;
    const e = typeof expected === "string" ? expected.toLowerCase() === "true" : expected;
    if (op === "eq") return a === e;
    if (op === "ne") return a !== e;
    throw invalid(`"${op}" cannot compare true/false values; use eq or ne.`);
  }
  if (type === "dateTime" && typeof actual === "string" && typeof expected === "string") {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    if (Number.isNaN(e))
      throw invalid(`"${expected}" is not a date and time (use ISO 8601, e.g. 2026-01-31T12:00:00Z).`);
    return ordered(op, a, e, String(actual), String(expected));
  }
  if (typeof actual === "number" && typeof expected === "number")
    return ordered(op, actual, expected, "", "");
  const a = caseExact ? String(actual) : String(actual).toLowerCase();
  const e = caseExact ? String(expected) : String(expected).toLowerCase();
  switch (op) {
    case "co":
      return a.includes(e);
    case "sw":
      return a.startsWith(e);
    case "ew":
      return a.endsWith(e);
    default:
      return ordered(op, a, e, a, e);
  }
}

function ordered<T extends number | string>(
  op: CompareOperator,
  a: T,
  e: T,
  aText: string,
  eText: string,
): boolean {
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
    case "gt":
      return a > e;
    case "ge":
      return a >= e;
    case "lt":
      return a < e;
    case "le":
      return a <= e;
    case "co":
      return aText.includes(eText);
    case "sw":
      return aText.startsWith(eText);
    case "ew":
      return aText.endsWith(eText);
  }
}

/** Whether `resourceObject` (a SCIM representation with canonical attribute names) matches `filter`. */
export function matchesFilter(
  filter: Filter,
  resourceObject: Record<string, Json>,
  resource: ResourceSchemas,
): boolean {
  return evaluate(filter, resourceObject, resource);
}

function evaluate(filter: Filter, object: Record<string, Json>, resource: ResourceSchemas): boolean {
  switch (filter.kind) {
    case "and":
      return evaluate(filter.left, object, resource) && evaluate(filter.right, object, resource);
    case "or":
      return evaluate(filter.left, object, resource) || evaluate(filter.right, object, resource);
    case "not":
      return !evaluate(filter.filter, object, resource);
    case "valuePath": {
      const resolved = resolveOrThrow(filter.path, resource, undefined);
      const raw = readAttribute(object, resolved);
      const elements = Array.isArray(raw) ? raw : raw ? [raw] : [];
      return elements.some(
        (element) =>
          element !== null &&
          typeof element === "object" &&
          evaluateElement(filter.filter, element as Record<string, Json>, resource, filter.path),
      );
    }
    case "present": {
      const resolved = resolveOrThrow(filter.path, resource, undefined);
      return valuesAt(object, resolved).some((v) => v !== "" && !(Array.isArray(v) && v.length === 0));
    }
    case "compare": {
      const resolved = resolveOrThrow(filter.path, resource, undefined);
      const values = valuesAt(object, resolved);
      if (filter.op === "ne") {
        return !values.some((v) =>
          compareOne("eq", v, filter.value, caseExactOf(resolved), typeOf(resolved)),
        );
      }
      return values.some((v) =>
        compareOne(filter.op, v, filter.value, caseExactOf(resolved), typeOf(resolved)),
      );
    }
  }
}

/** Evaluates a filter inside `attribute[…]` against one element of that attribute. */
export function evaluateElement(
  filter: Filter,
  element: Record<string, Json>,
  resource: ResourceSchemas,
  parent: AttributePath,
): boolean {
  switch (filter.kind) {
    case "and":
      return (
        evaluateElement(filter.left, element, resource, parent) &&
        evaluateElement(filter.right, element, resource, parent)
      );
    case "or":
      return (
        evaluateElement(filter.left, element, resource, parent) ||
        evaluateElement(filter.right, element, resource, parent)
      );
    case "not":
      return !evaluateElement(filter.filter, element, resource, parent);
    case "valuePath":
      throw invalid("A filter inside [ ] cannot contain another [ ].");
    case "present":
    case "compare": {
      const resolved = resolveOrThrow(filter.path, resource, parent);
      const name = resolved.subAttribute?.name ?? resolved.attribute.name;
      const value = element[name];
      if (filter.kind === "present") return value !== undefined && value !== null && value !== "";
      if (value === undefined || value === null)
        return filter.op === "ne" ? filter.value !== null : filter.value === null && filter.op === "eq";
      return compareOne(filter.op, value, filter.value, caseExactOf(resolved), typeOf(resolved));
    }
  }
}

/**
 * `attr eq "value"` on a single top-level attribute, the filter identity providers send most (Okta and
 * Entra look users up by `userName eq …`, groups by `displayName eq …`): a service answers it with an
 * indexed query instead of evaluating every resource.
 */
export function simpleEquality(
  filter: Filter,
  resource: ResourceSchemas,
): { attribute: string; value: string } | undefined {
  if (filter.kind !== "compare" || filter.op !== "eq" || typeof filter.value !== "string") return undefined;
  const resolved = resolvePath(resource, filter.path);
  if (!resolved || resolved.extension || resolved.subAttribute) return undefined;
  if (resolved.attribute.type !== "string") return undefined;
  return { attribute: resolved.attribute.name, value: filter.value };
}
