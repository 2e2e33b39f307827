import type { Executor } from "../../db/client.js";
import { revokePersonalKeysOf } from "../../db/queries/api-keys.js";
import { findMembership, updateMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  countActiveAdmins,
  listGroupsOfScimUsers,
  listScimUsers,
  type ScimUserRow,
  setMembershipStatus,
} from "../../db/queries/scim.js";
import { deleteSessionsOfUser } from "../../db/queries/sessions.js";
import type { Trx } from "../../db/transaction.js";
import { normalizeEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { isObject, type Json, keyOf, readBoolean, type ScimCaller, versionTag } from "./scim-shared.js";

/** What Gatehouse reads from a User body (POST, PUT, or the result of a PATCH). */
export type UserInput = {
  /** Everything as sent, without id, meta, groups and schemas. */
  attributes: Json;
  userName: string;
  userNameKey: string;
  externalId: string | null;
  active: boolean;
  email: string;
  name: string;
  department: string | null;
};

/** Never stored: read-only attributes, and a password (Okta may send one; SSO users have none). */
const NOT_STORED = new Set(["id", "meta", "groups", "schemas", "password"]);

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Validates a User body and extracts what Gatehouse acts on. */
export function readUserInput(body: unknown): UserInput {
  if (!isObject(body)) throw new ScimError(400, "The body must be a SCIM User object.", "invalidSyntax");
  const attributes: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (!NOT_STORED.has(key.toLowerCase())) attributes[key] = value;
  }
  const userNameKey = keyOf(attributes, "userName");
  const userName = userNameKey ? text(attributes[userNameKey]) : undefined;
  if (!userName)
    throw new ScimError(400, "userName is required: send the person's sign-in email.", "invalidValue");
  if (userName.length > 256)
    throw new ScimError(400, "userName is longer than 256 characters.", "invalidValue");
  if (userNameKey !== "userName") {
    delete attributes[userNameKey as string];
  }
  attributes.userName = userName;

  const activeKey = keyOf(attributes, "active");
  const active = activeKey === undefined ? true : readBoolean(attributes[activeKey], "active");
  if (activeKey !== undefined) delete attributes[activeKey];
  attributes.active = active;

  const externalKey = keyOf(attributes, "externalId");
  const externalId = externalKey ? (text(attributes[externalKey]) ?? null) : null;

  const emailsKey = keyOf(attributes, "emails");
  const emails =
    emailsKey && Array.isArray(attributes[emailsKey]) ? (attributes[emailsKey] as unknown[]) : [];
  const emailObjects = emails.filter(isObject);
  const chosen =
    emailObjects.find((e) => e.primary === true || e.primary === "True" || e.primary === "true") ??
    emailObjects.find((e) => String(e.type ?? "").toLowerCase() === "work") ??
    emailObjects[0];
  const email = normalizeEmail(userName) ?? (chosen ? normalizeEmail(String(chosen.value ?? "")) : null);
  if (!email) {
    throw new ScimError(
      400,
      `userName "${userName}" is not an email address and no email was sent: Gatehouse needs an email to sign the person in. Map userName (or emails) to the person's email.`,
      "invalidValue",
    );
  }

  const nameKey = keyOf(attributes, "name");
  const nameObject = nameKey && isObject(attributes[nameKey]) ? (attributes[nameKey] as Json) : {};
  const nameField = (field: string) => {
    const k = keyOf(nameObject, field);
    return k ? text(nameObject[k]) : undefined;
  };
  const displayKey = keyOf(attributes, "displayName");
  const joined = [nameField("givenName"), nameField("familyName")].filter(Boolean).join(" ");
  const name =
    (displayKey ? text(attributes[displayKey]) : undefined) ??
    nameField("formatted") ??
    (joined !== "" ? joined : undefined) ??
    email.split("@")[0] ??
    email;

  const extKey = keyOf(attributes, ENTERPRISE_USER_SCHEMA);
  const ext = extKey && isObject(attributes[extKey]) ? (attributes[extKey] as Json) : {};
  const departmentKey = keyOf(ext, "department");
  const department = departmentKey ? (text(ext[departmentKey])?.slice(0, 64) ?? null) : null;

  return {
    attributes,
    userName,
    userNameKey: userName.toLowerCase(),
    externalId,
    active,
    email,
    name: name.slice(0, 200),
    department,
  };
}

/** The SCIM representation of stored users, with their groups. */
export async function userRepresentations(
  db: Executor,
  caller: ScimCaller,
  rows: readonly ScimUserRow[],
): Promise<Json[]> {
  const groups = await listGroupsOfScimUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const attributes = JSON.parse(row.attributes) as Json;
    const hasExtension = keyOf(attributes, ENTERPRISE_USER_SCHEMA) !== undefined;
    return {
      schemas: hasExtension ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
      id: row.id,
      ...attributes,
      ...(row.external_id !== null && { externalId: row.external_id }),
      userName: row.user_name,
      active: row.active === 1,
      groups: groups
        .filter((g) => g.scim_user_id === row.id)
        .map((g) => ({
          value: g.group_id,
          display: g.display_name,
          $ref: `${caller.baseUrl}/Groups/${g.group_id}`,
          type: "direct",
        })),
      meta: {
        resourceType: "User",
        created: row.created_at,
        lastModified: row.updated_at,
        location: `${caller.baseUrl}/Users/${row.id}`,
        version: versionTag(row.version),
      },
    };
  });
}

export async function userRepresentation(db: Executor, caller: ScimCaller, row: ScimUserRow): Promise<Json> {
  const [one] = await userRepresentations(db, caller, [row]);
  return one as Json;
}

/** 409 uniqueness when another SCIM user of the org has this userName (case-insensitively). */
export async function assertUserNameFree(
  trx: Trx,
  orgId: string,
  userNameKey: string,
  exceptId: string | null,
): Promise<void> {
  const [other] = await listScimUsers(trx, orgId, { column: "user_name_key", value: userNameKey });
  if (other && other.id !== exceptId) {
    throw new ScimError(
      409,
      `A user with userName "${other.user_name}" already exists (id ${other.id}). userName is compared case-insensitively.`,
      "uniqueness",
    );
  }
}

/**
 * Suspends or reactivates a membership: a suspended member loses their sessions and personal API keys
 * at once, is left out of the access policy and holds no seat; reactivation restores the membership
 * only, and only when a seat is free (checked under the org's row lock, in this transaction, as SCIM
 * POST does: pending invitations do not count against a person the directory brings back).
 */
export async function setMemberActive(
  trx: Trx,
  ctx: ServiceContext,
  orgId: string,
  userId: string,
  active: boolean,
): Promise<void> {
  const member = await findMembership(trx, orgId, userId);
  if (!member)
    throw new AppError("NOT_FOUND", { message: "This person is not a member of the organization." });
  const now = nowIso(ctx);
  if (active) {
    if (member.status === "active") return;
    const org = await requireLockedOrg(trx, orgId);
    try {
      await assertSeatAvailable(trx, org, ctx.config, now, { countPending: false });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "SEAT_LIMIT_REACHED") throw error;
      throw new AppError("SEAT_LIMIT_REACHED", {
        message:
          "This person cannot be reactivated: every seat is taken by active members. Remove or suspend a member, or raise the seat limit, then retry.",
        details: { ...error.details, userId },
      });
    }
    await setMembershipStatus(trx, orgId, userId, "active", now);
    await bumpAccessVersion(trx, orgId);
    await recordAuditEvent(trx, ctx, {
      orgId,
      action: "member.reactivated",
      target: { type: "member", id: userId },
      before: { status: "suspended" },
      after: { status: "active" },
    });
    return;
  }
  if (member.status === "suspended") return;
  if (member.role === "admin" && (await countActiveAdmins(trx, orgId)) <= 1) {
    throw new AppError("LAST_ADMIN", {
      message:
        "This person is the organization's last active admin and cannot be deactivated. Make someone else an admin in Gatehouse first.",
    });
  }
  await setMembershipStatus(trx, orgId, userId, "suspended", now);
  const revokedKeys = await revokePersonalKeysOf(trx, orgId, userId, now, "owner suspended by SCIM");
  const endedSessions = await deleteSessionsOfUser(trx, userId);
  await bumpAccessVersion(trx, orgId);
  await recordAuditEvent(trx, ctx, {
    orgId,
    action: "member.suspended",
    target: { type: "member", id: userId },
    before: { status: "active" },
    after: { status: "suspended", endedSessions, revokedKeys },
  });
}

/** Applies the enterprise department to the membership when the directory sent one that differs. */
export async function applyDepartment(
  trx: Trx,
  ctx: ServiceContext,
  orgId: string,
  userId: string,
  department: string | null,
): Promise<void> {
  if (department === null) return;
  const member = await findMembership(trx, orgId, userId);
  if (!member || member.department === department) return;
  await updateMembership(trx, orgId, userId, { department, updated_at: nowIso(ctx) });
  await bumpAccessVersion(trx, orgId);
  await recordAuditEvent(trx, ctx, {
    orgId,
    action: "member.updated",
    target: { type: "member", id: userId },
    before: { department: member.department },
    after: { department, via: "SCIM enterprise department" },
  });
}
