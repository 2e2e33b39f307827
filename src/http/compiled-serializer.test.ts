import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { compiledSerializerCompiler } from "./compiled-serializer.js";
import { invitationDashboard } from "./routes/invitation-dashboard.js";
import { errorResponse, pageOf } from "./schemas/common.js";
import { invitationView, memberView } from "./schemas/views.js";

/** What fastify-type-provider-zod's serializer writes: the parsed value (unknown keys stripped), as JSON. */
const zodJson = (schema: z.ZodType, value: unknown) => JSON.stringify(schema.parse(value));
const compiledJson = (schema: z.ZodType, value: unknown) => compiledSerializerCompiler({ schema })(value);

const ID = "01a24a2b-d02f-7000-88a6-17518b7867a0";
const AT = "2026-12-06T07:04:02.123Z";

const member = {
  userId: ID,
  name: 'Ada "the first" Lovelace',
  email: "ada@example.com",
  role: "admin",
  department: null,
  status: "active",
  joinedAt: AT,
  teams: [{ teamId: ID, name: "Ünïcode \u2028 team", role: "owner" }],
  reportsTo: null,
};

const invitation = {
  id: ID,
  email: "bob@example.com",
  role: "member",
  teamId: null,
  teamName: "General",
  teamRole: null,
  department: "engineering",
  message: "Welcome!\nSee you </script>",
  status: "pending",
  expiresAt: AT,
  createdAt: AT,
  updatedAt: AT,
  invitedBy: ID,
  inviterName: null,
  acceptedAt: null,
  delivery: null,
};

describe("the compiled serializer of the listing routes writes what the zod serializer writes", () => {
  it("a page of members, with and without teams, managers and a next cursor", () => {
    const schema = pageOf(memberView);
    for (const value of [
      { items: [member], nextCursor: "abc" },
      {
        items: [
          { ...member, teams: [], department: "sales", status: "suspended" },
          { ...member, reportsTo: { email: "boss@example.com", userId: null, name: null } },
          { ...member, reportsTo: { email: "boss@example.com", userId: ID, name: "Boss" } },
        ],
        nextCursor: null,
      },
      { items: [], nextCursor: null },
    ]) {
      expect(compiledJson(schema, value)).toBe(zodJson(schema, value));
    }
  });

  it("a page of invitations, with and without delivery", () => {
    const schema = pageOf(invitationView);
    const delivered = {
      ...invitation,
      delivery: { status: "failed", kind: "reminder", error: "550 mailbox unavailable", at: AT },
    };
    const value = { items: [invitation, delivered, { ...delivered, acceptedAt: AT }], nextCursor: null };
    expect(compiledJson(schema, value)).toBe(zodJson(schema, value));
  });

  it("keys a schema does not name are left out, as zod strips them", () => {
    const schema = pageOf(memberView);
    const value = {
      items: [{ ...member, cursorId: ID, passwordHash: "secret" }],
      nextCursor: null,
      total: 3,
    };
    expect(compiledJson(schema, value)).toBe(zodJson(schema, value));
    expect(compiledJson(schema, value)).not.toContain("secret");
  });

  it("the invitation dashboard", () => {
    const value = {
      generatedAt: AT,
      accepted: { count: 3, percent: 60 },
      pending: { count: 1, percent: 20 },
      expired: { count: 1, percent: 20 },
      revoked: { count: 0 },
      resent: { count: 2 },
      newMembersThisMonth: { count: 4, since: AT },
      recentActivity: [
        {
          id: ID,
          action: "invitation.accepted",
          at: AT,
          invitationId: ID,
          invitee: { email: "bob@example.com", name: null },
          sentence: "bob@example.com accepted invitation (2 hours ago)",
        },
      ],
      chart: [{ day: "2026-12-06", sent: 5, accepted: 3 }],
    };
    expect(compiledJson(invitationDashboard, value)).toBe(zodJson(invitationDashboard, value));
  });

  it("errors, with and without details", () => {
    for (const value of [
      { error: { code: "NOT_FOUND", message: "Not found." } },
      {
        error: { code: "VALIDATION_FAILED", message: "Bad.", details: { field: "cursor", issues: [1, "a"] } },
      },
    ]) {
      expect(compiledJson(errorResponse, value)).toBe(zodJson(errorResponse, value));
    }
  });
});
