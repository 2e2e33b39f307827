import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AjvError,
  ajvErrorMessage,
  installValidationMessages,
  zodFieldIssues,
} from "./validation-messages.js";

const invitation = z.strictObject({
  email: z.email(),
  role: z.enum(["viewer", "member", "admin"]),
  name: z.string().min(1).max(5),
  tags: z.array(z.string()).min(1).max(2),
  days: z.number().int().min(1).max(30),
  ratio: z.number().gt(0).lt(1).optional(),
  kind: z.literal("user").optional(),
  ref: z.union([z.string(), z.array(z.string())]).optional(),
  id: z.uuid({ message: "must be an id as Gatehouse returns them" }).optional(),
});

/** Each issue of parsing `input` as `path: message`. */
function messagesOf(input: unknown, schema: z.ZodType = invitation): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const valid = { email: "ada@example.com", role: "member", name: "Ada", tags: ["a"], days: 7 };

describe("validation messages", () => {
  beforeAll(() => installValidationMessages());

  it("a missing field is required, and a missing choice says what it may be", () => {
    expect(messagesOf({})).toEqual([
      "email: is required",
      "role: is required (one of: viewer, member, admin)",
      "name: is required",
      "tags: is required",
      "days: is required",
    ]);
  });

  it("a value of the wrong type says what was expected and what came", () => {
    expect(messagesOf({ ...valid, name: 5, tags: "a", days: true })).toEqual([
      "name: must be a string, not 5",
      "tags: must be a list, not a string",
      "days: must be a number, not true",
    ]);
    expect(messagesOf({ ...valid, days: 1.5 })).toEqual(["days: must be a whole number, not 1.5"]);
    expect(messagesOf({ ...valid, ref: 3 })).toEqual(["ref: must be a string or a list, not 3"]);
    expect(messagesOf(null)).toEqual([": must be an object, not null"]);
  });

  it("choices, limits and formats name the bound", () => {
    expect(messagesOf({ ...valid, role: "owner", kind: "team" })).toEqual([
      "role: must be one of: viewer, member, admin",
      'kind: must be "user"',
    ]);
    expect(messagesOf({ ...valid, name: "", tags: [] })).toEqual([
      "name: must not be empty",
      "tags: must not be empty",
    ]);
    expect(messagesOf({ ...valid, name: "Adelaide", tags: ["a", "b", "c"], days: 31, ratio: 1 })).toEqual([
      "name: must have at most 5 characters",
      "tags: must have at most 2 items",
      "days: must be at most 30",
      "ratio: must be less than 1",
    ]);
    expect(messagesOf({ ...valid, days: 0, ratio: 0 })).toEqual([
      "days: must be at least 1",
      "ratio: must be greater than 0",
    ]);
    expect(messagesOf({ ...valid, email: "ada.example.com" })).toEqual([
      "email: must be an email address, like ada@example.com",
    ]);
  });

  it("a schema's own message wins, and unknown fields are named", () => {
    expect(messagesOf({ ...valid, id: "42" })).toEqual(["id: must be an id as Gatehouse returns them"]);
    expect(messagesOf({ ...valid, isOwner: true, extra: 1 })).toEqual([": unknown field(s): isOwner, extra"]);
  });

  it("a union's issues are those of the form the value was meant for", () => {
    const grant = z.strictObject({ teamId: z.uuid(), level: z.enum(["full", "view", "none"]) });
    const access = z.union([z.array(grant), z.strictObject({ items: z.array(grant) })]);
    const fieldIssues = (input: unknown) =>
      (access.safeParse(input).error?.issues ?? []).flatMap((issue) =>
        zodFieldIssues(issue, ["body"]).map((i) => `${i.segments.join(".")}: ${i.message}`),
      );
    expect(fieldIssues([{ teamId: "x", level: "all" }])).toEqual([
      "body.0.teamId: must be an id as Gatehouse returns them",
      "body.0.level: must be one of: full, view, none",
    ]);
    expect(fieldIssues({ access: [] })).toEqual([
      "body.items: is required",
      "body: unknown field(s): access",
    ]);
    expect(fieldIssues(5)).toEqual(["body: must be a list or an object, not 5"]);
    // Two forms of the same kind: neither is picked, and the message says where to look.
    const either = z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })]);
    expect(messagesOf({ c: 1 }, either)).toEqual([
      ": is not in a form this field takes (see its schema at /api/v1/docs)",
    ]);
  });

  it("Ajv's errors for the same schema read the same, with a missing field named in its path", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const json = z.toJSONSchema(invitation, { io: "input" }) as Record<string, unknown>;
    delete json.$schema;
    const validate = ajv.compile(json);
    const ajvMessages = (input: unknown) => {
      validate(input);
      return (validate.errors ?? []).map((e) => {
        const { segments, message } = ajvErrorMessage(e as AjvError);
        return `${segments.join(".")}: ${message}`;
      });
    };
    expect(ajvMessages({ ...valid, email: undefined })).toEqual(["email: is required"]);
    expect(ajvMessages({ ...valid, role: "owner", name: 5 })).toEqual([
      "role: must be one of: viewer, member, admin",
      "name: must be a string",
    ]);
    expect(ajvMessages({ ...valid, name: "", tags: ["a", "b", "c"], days: 31, ratio: 0 })).toEqual([
      "name: must not be empty",
      "tags: must have at most 2 items",
      "days: must be at most 30",
      "ratio: must be greater than 0",
    ]);
    expect(ajvMessages({ ...valid, kind: "team", extra: 1 })).toEqual([
      ": unknown field(s): extra",
      'kind: must be "user"',
    ]);
  });
});
