import type { Executor } from "../../db/client.js";
import { insertMembership } from "../../db/queries/memberships.js";
import { insertOrg } from "../../db/queries/orgs.js";
import { insertTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { findUserByEmail, insertUser } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { requireEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { DEFAULT_TEAM_NAME, type Plan } from "../../domain/plans.js";
import { teamNameKey } from "../../domain/team-names.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";

export type CreateOrganizationInput = {
  name: string;
  plan: Plan;
  /** The first admin. An existing account is reused (its password is left alone); a new one needs a password. */
  admin: { email: string; name: string; password?: string };
};

export type CreatedOrganization = {
  org: { id: string; name: string; plan: Plan; defaultTeamId: string };
  admin: { id: string; email: string; name: string; isNew: boolean };
};

/** An organization, its default team and its first admin (owner of that team), in one transaction. */
export async function createOrganization(
  ctx: ServiceContext,
  input: CreateOrganizationInput,
): Promise<CreatedOrganization> {
  const prepared = await prepareOrganization(ctx, input);
  return inTransaction(ctx.db, (trx) => writeOrganization(trx, ctx, prepared));
}

export type PreparedOrganization = CreateOrganizationInput & {
  adminEmail: string;
  passwordHash: string | null;
};

/** The slow part (password hashing) outside any transaction. */
export async function prepareOrganization(
  ctx: ServiceContext,
  input: CreateOrganizationInput,
): Promise<PreparedOrganization> {
  const name = input.name.trim();
  const adminName = input.admin.name.trim();
  if (!name || name.length > 100)
    throw new AppError("VALIDATION_FAILED", {
      message: "The organization needs a name of 1 to 100 characters.",
      details: { field: "name" },
    });
  if (!adminName || adminName.length > 100)
    throw new AppError("VALIDATION_FAILED", {
      message: "The admin needs a name of 1 to 100 characters.",
      details: { field: "adminName" },
    });
  const passwordHash =
    input.admin.password === undefined ? null : await ctx.passwords.hash(input.admin.password);
  return {
    ...input,
    name,
    admin: { ...input.admin, name: adminName },
    adminEmail: requireEmail(input.admin.email),
    passwordHash,
  };
}

export async function writeOrganization(
  trx: Executor,
  ctx: ServiceContext,
  input: PreparedOrganization,
): Promise<CreatedOrganization> {
  const now = nowIso(ctx);
  const orgId = newId();
  const teamId = newId();
  const existing = await findUserByEmail(trx, input.adminEmail);
  const userId = existing?.id ?? newId();
  if (!existing) {
    if (input.passwordHash === null) {
      throw new AppError("VALIDATION_FAILED", {
        message: "The first admin has no account yet: give them a password.",
        details: { field: "adminPassword" },
      });
    }
    await insertUser(trx, {
      id: userId,
      email: input.adminEmail,
      name: input.admin.name,
      password_hash: input.passwordHash,
      email_verified_at: now,
      created_at: now,
      updated_at: now,
    });
  }
  await insertOrg(trx, {
    id: orgId,
    name: input.name,
    plan: input.plan,
    seat_limit: null,
    default_team_id: teamId,
    access_version: 0,
    default_upload_limit_bytes: null,
    created_at: now,
    updated_at: now,
  });
  await insertTeam(trx, {
    id: teamId,
    org_id: orgId,
    name: DEFAULT_TEAM_NAME,
    name_key: teamNameKey(DEFAULT_TEAM_NAME),
    created_at: now,
    updated_at: now,
  });
  await insertMembership(trx, {
    id: newId(),
    org_id: orgId,
    user_id: userId,
    role: "admin",
    department: null,
    created_at: now,
    updated_at: now,
  });
  await insertTeamMembership(trx, {
    team_id: teamId,
    user_id: userId,
    org_id: orgId,
    role: "owner",
    created_at: now,
    updated_at: now,
  });
  await recordAuditEvent(trx, ctx, {
    orgId,
    action: "org.created",
    target: { type: "org", id: orgId },
    after: { name: input.name, plan: input.plan },
  });
  await recordAuditEvent(trx, ctx, {
    orgId,
    action: "member.added",
    target: { type: "member", id: userId },
    after: { role: "admin", email: input.adminEmail, via: "organization created" },
  });
  const adminName = existing?.name ?? input.admin.name;
  return {
    org: { id: orgId, name: input.name, plan: input.plan, defaultTeamId: teamId },
    admin: { id: userId, email: input.adminEmail, name: adminName, isNew: !existing },
  };
}
