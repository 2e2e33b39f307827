import { type AttributePath, evaluateElement, type Filter, type FilterValue, parseFilter } from "./filter.js";
import {
  type AttributeDefinition,
  PATCH_OP_SCHEMA,
  type ResolvedPath,
  type ResourceSchemas,
  resolvePath,
  splitAttributePath,
} from "./schemas.js";
import { ScimError } from "./scim-error.js";

/**
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's SCIM representation, tolerant of what identity
 * providers really send:
 * - Entra ID capitalizes ops (`Replace`, `Add`, `Remove`), sends booleans as strings (`"False"`), sends
 *   path-less values whose keys are paths (`{"name.givenName": "Ada"}`), uses filtered paths
 *   (`emails[type eq "work"].value`, which on a user without a work email adds one), and removes group
 *   members with `{"op":"Remove","path":"members","value":[{"value":id}]}` (only those listed go).
 * - Okta deactivates with a path-less `{"op":"replace","value":{"active":false}}` and repeats the
 *   group's `id` in a path-less rename.
 * The result is a new object; the input is not modified.
 */

export type PatchOperation = { op: "add" | "replace" | "remove"; path: string | undefined; value: unknown };
type Json = unknown;
type JsonObject = Record<string, Json>;

/** At most this many operations per request: a full group push is one op whatever its size. */
export const MAX_PATCH_OPERATIONS = 1_000;

function syntax(detail: string): ScimError {
  return new ScimError(400, detail, "invalidSyntax");
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a PatchOp request body into operations, or says what is wrong with it. */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw syntax("The PATCH body must be a JSON object with an Operations array.");
  const schemas = body.schemas;
  if (
    Array.isArray(schemas) &&
    !schemas.some((s) => String(s).toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())
  ) {
    throw syntax(`A PATCH request's schemas must include "${PATCH_OP_SCHEMA}".`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw syntax("The PATCH body needs a non-empty Operations array.");
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(400, `At most ${MAX_PATCH_OPERATIONS} operations per PATCH request.`, "tooMany");
  }
  return operations.map((raw, index) => {
    if (!isObject(raw)) throw syntax(`Operation ${index + 1} must be an object with "op".`);
    const op = String(raw.op ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") {
      throw syntax(`Operation ${index + 1} has op "${String(raw.op)}"; use add, replace or remove.`);
    }
    const path = typeof raw.path === "string" && raw.path.trim() !== "" ? raw.path.trim() : undefined;
    if (op !== "remove" && raw.value === undefined) {
      throw syntax(`Operation ${index + 1} (${op}) needs a value.`);
    }
    return { op, path, value: raw.value };
  });
}

type ParsedPath = {
  path: AttributePath;
  resolved: ResolvedPath;
  /** `emails[type eq "work"]`: which elements of a multi-valued attribute. */
  filter: Filter | undefined;
  /** `emails[type eq "work"].value`: the sub-attribute of the filtered elements. */
  filteredSub: AttributeDefinition | undefined;
};

function parsePatchPath(text: string, resource: ResourceSchemas): ParsedPath {
  const open = text.indexOf("[");
  let attributeText = text;
  let filterText: string | undefined;
  let subText: string | undefined;
  if (open !== -1) {
    const close = text.lastIndexOf("]");
    if (close < open)
      throw new ScimError(400, `The path "${text}" has a "[" that is never closed.`, "invalidPath");
    attributeText = text.slice(0, open);
    filterText = text.slice(open + 1, close);
    const after = text.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith("."))
        throw new ScimError(400, `The path "${text}" has something unexpected after "]".`, "invalidPath");
      subText = after.slice(1);
    }
  }
  const path = splitAttributePath(attributeText, resource);
  const resolved = resolvePath(resource, path);
  if (!resolved) {
    throw new ScimError(
      400,
      `The path "${text}" names an attribute ${resource.core.name} resources do not have.`,
      "invalidPath",
    );
  }
  if (filterText === undefined) return { path, resolved, filter: undefined, filteredSub: undefined };
  if (!resolved.attribute.multiValued || resolved.subAttribute) {
    throw new ScimError(
      400,
      `The path "${text}" filters an attribute that is not multi-valued.`,
      "invalidPath",
    );
  }
  const filter = parseFilterIn(filterText, resource, path);
  let filteredSub: AttributeDefinition | undefined;
  if (subText !== undefined) {
    filteredSub = resolved.attribute.subAttributes?.find(
      (a) => a.name.toLowerCase() === subText.toLowerCase(),
    );
    if (!filteredSub)
      throw new ScimError(
        400,
        `The path "${text}" names a sub-attribute that does not exist.`,
        "invalidPath",
      );
  }
  return { path, resolved, filter, filteredSub };
}

/** A filter inside `attr[…]` names sub-attributes; it is checked against the parent attribute. */
function parseFilterIn(text: string, resource: ResourceSchemas, parent: AttributePath): Filter {
  const prefix = parent.schema ? `${parent.schema}:${parent.attribute}` : parent.attribute;
  const wrapped = parseFilter(`${prefix}[${text}]`, resource);
  if (wrapped.kind !== "valuePath")
    throw new ScimError(400, `"${text}" is not a valid filter.`, "invalidPath");
  return wrapped.filter;
}

/** Entra sends `"False"`, `"true"`: booleans as strings. Coerce by the attribute's declared type. */
function coerce(definition: AttributeDefinition, value: Json): Json {
  if (definition.type === "boolean" && typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw new ScimError(400, `"${definition.name}" must be true or false, not "${value}".`, "invalidValue");
  }
  if (definition.type === "complex" && isObject(value) && definition.subAttributes) {
    const out: JsonObject = {};
    for (const [key, sub] of Object.entries(value)) {
      const subDef = definition.subAttributes.find((a) => a.name.toLowerCase() === key.toLowerCase());
      if (subDef) out[subDef.name] = coerce(subDef, sub);
    }
    return out;
  }
  return value;
}

function coerceAttributeValue(definition: AttributeDefinition, value: Json): Json {
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => coerce(definition, item));
  }
  return coerce(definition, value);
}

function containerFor(target: JsonObject, resolved: ResolvedPath, create: boolean): JsonObject | undefined {
  if (!resolved.extension) return target;
  const existing = target[resolved.extension];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: JsonObject = {};
  target[resolved.extension] = made;
  return made;
}

function sameValue(definition: AttributeDefinition, a: Json, b: Json): boolean {
  const valueDef = definition.subAttributes?.find((s) => s.name === "value");
  const left = isObject(a) && valueDef ? a.value : a;
  const right = isObject(b) && valueDef ? b.value : b;
  if (typeof left === "string" && typeof right === "string" && !(valueDef ?? definition).caseExact) {
    return left.toLowerCase() === right.toLowerCase();
  }
  return left === right;
}

function clearOtherPrimaries(list: Json[], keep: Json): void {
  if (!isObject(keep) || keep.primary !== true) return;
  for (const item of list) if (item !== keep && isObject(item) && item.primary === true) item.primary = false;
}

function readOnlyGuard(
  definition: AttributeDefinition,
  current: Json,
  value: Json,
  pathText: string,
): boolean {
  if (definition.mutability !== "readOnly") return false;
  // Okta repeats the group's id in a path-less rename: the same value is no change.
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return true;
  throw new ScimError(400, `"${pathText}" is read-only and cannot be changed.`, "mutability");
}

/** The equalities of `type eq "work" and primary eq true`, to create the element a filter names. */
function equalities(filter: Filter): JsonObject | undefined {
  if (filter.kind === "compare" && filter.op === "eq" && filter.path.subAttribute === undefined) {
    return { [filter.path.attribute]: filter.value as FilterValue };
  }
  if (filter.kind === "and") {
    const left = equalities(filter.left);
    const right = equalities(filter.right);
    return left && right ? { ...left, ...right } : undefined;
  }
  return undefined;
}

function canonicalKeys(definition: AttributeDefinition, object: JsonObject): JsonObject {
  return coerce(definition, object) as JsonObject;
}

function applyOne(target: JsonObject, operation: PatchOperation, resource: ResourceSchemas): void {
  if (operation.path === undefined) {
    if (operation.op === "remove") {
      throw new ScimError(400, "A remove operation needs a path naming what to remove.", "noTarget");
    }
    if (!isObject(operation.value)) {
      throw new ScimError(
        400,
        `A ${operation.op} without a path needs an object of attributes as its value.`,
        "invalidValue",
      );
    }
    for (const [key, value] of Object.entries(operation.value)) {
      if (key.toLowerCase() === "schemas") continue;
      const extension = resource.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
      if (extension && isObject(value)) {
        for (const [subKey, subValue] of Object.entries(value)) {
          applyOne(
            target,
            { op: operation.op, path: `${extension.id}:${subKey}`, value: subValue },
            resource,
          );
        }
        continue;
      }
      applyOne(target, { op: operation.op, path: key, value }, resource);
    }
    return;
  }

  const parsed = parsePatchPath(operation.path, resource);
  const { resolved } = parsed;
  const definition = resolved.attribute;
  const container = containerFor(target, resolved, operation.op !== "remove");
  if (!container) return; // Removing from an extension the resource does not have: nothing to do.
  const name = definition.name;
  const current = container[name];

  if (parsed.filter) {
    const list = Array.isArray(current) ? current : [];
    const matches = list.filter(
      (item) => isObject(item) && evaluateElement(parsed.filter as Filter, item, resource, parsed.path),
    );
    if (operation.op === "remove") {
      if (parsed.filteredSub) {
        for (const item of matches) delete (item as JsonObject)[parsed.filteredSub.name];
      } else {
        container[name] = list.filter((item) => !matches.includes(item));
      }
      return;
    }
    readOnlyGuard(definition, undefined, operation.value, operation.path);
    if (matches.length === 0) {
      // Entra sets `emails[type eq "work"].value` on users that have no work email yet: create it.
      const seed = equalities(parsed.filter);
      if (!seed) {
        throw new ScimError(
          400,
          `No value matches "${operation.path}", so there is nothing to ${operation.op}.`,
          "noTarget",
        );
      }
      const element = parsed.filteredSub
        ? { ...seed, [parsed.filteredSub.name]: coerce(parsed.filteredSub, operation.value) }
        : { ...seed, ...(isObject(operation.value) ? operation.value : { value: operation.value }) };
      const made = canonicalKeys(definition, element);
      list.push(made);
      clearOtherPrimaries(list, made);
      container[name] = list;
      return;
    }
    for (const item of matches as JsonObject[]) {
      if (parsed.filteredSub) {
        item[parsed.filteredSub.name] = coerce(parsed.filteredSub, operation.value);
      } else if (isObject(operation.value)) {
        Object.assign(item, canonicalKeys(definition, operation.value));
      } else {
        throw new ScimError(400, `"${operation.path}" needs an object value.`, "invalidValue");
      }
      clearOtherPrimaries(list, item);
    }
    container[name] = list;
    return;
  }

  if (resolved.subAttribute) {
    const sub = resolved.subAttribute;
    if (definition.multiValued) {
      throw new ScimError(
        400,
        `"${operation.path}" names a sub-attribute of a multi-valued attribute; add a filter, e.g. ${name}[type eq "work"].${sub.name}.`,
        "invalidPath",
      );
    }
    if (operation.op === "remove") {
      if (isObject(current)) delete current[sub.name];
      return;
    }
    if (
      readOnlyGuard(sub, isObject(current) ? current[sub.name] : undefined, operation.value, operation.path)
    )
      return;
    const object = isObject(current) ? current : {};
    object[sub.name] = coerce(sub, operation.value);
    container[name] = object;
    return;
  }

  if (operation.op === "remove") {
    if (definition.multiValued && operation.value !== undefined && Array.isArray(current)) {
      // Entra: remove only the listed members.
      const listed = Array.isArray(operation.value) ? operation.value : [operation.value];
      container[name] = current.filter((item) => !listed.some((gone) => sameValue(definition, item, gone)));
      return;
    }
    delete container[name];
    return;
  }

  if (readOnlyGuard(definition, current, operation.value, operation.path)) return;
  const value = coerceAttributeValue(definition, operation.value);
  if (definition.multiValued) {
    const incoming = value as Json[];
    if (operation.op === "replace") {
      container[name] = incoming;
      for (const item of incoming) clearOtherPrimaries(incoming, item);
      return;
    }
    const list = Array.isArray(current) ? [...current] : [];
    for (const item of incoming) {
      const existing = list.findIndex((old) => sameValue(definition, old, item));
      if (existing === -1) list.push(item);
      else if (isObject(list[existing]) && isObject(item))
        list[existing] = { ...(list[existing] as JsonObject), ...item };
      clearOtherPrimaries(list, list[existing === -1 ? list.length - 1 : existing]);
    }
    container[name] = list;
    return;
  }
  if (definition.type === "complex" && isObject(value)) {
    // Replacing or adding a complex attribute sets the sub-attributes given and keeps the others.
    container[name] = { ...(isObject(current) ? current : {}), ...value };
    return;
  }
  container[name] = value;
}

/** Applies the operations in order to a copy of `resource`; any failing operation fails the whole request. */
export function applyPatch(
  resourceObject: Record<string, unknown>,
  operations: readonly PatchOperation[],
  resource: ResourceSchemas,
): Record<string, unknown> {
  const copy = structuredClone(resourceObject) as JsonObject;
  for (const operation of operations) applyOne(copy, operation, resource);
  return copy;
}
