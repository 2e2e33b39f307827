import {
  expireLapsedInvitationsFor,
  findInvitationByIdempotencyKey,
  insertInvitation,
  updateInvitationIfStatus,
} from "../../db/queries/invitations.js";
import type { InvitationRow } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { requireEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { DEFAULT_EXPIRY_DAYS, effectiveStatus, expiryFrom, transition } from "../../domain/invitation.js";
import { assertCanGrantOrgRole } from "../../domain/permissions.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import { queueInvitationEmail, sealInvitationToken } from "../../mail/queue-invitation-email.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { actorOrgRole, assertPlanCanInvite, requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { type InvitationView, invitationSnapshot } from "../shared/views.js";
import { assertNotAMember, newInviteLink, resolveInvitationTeam } from "./invitation-rules.js";
import { loadInvitationView } from "./require-invitation.js";

export type CreateInvitationInput = {
  orgId: string;
  email: string;
  role: OrgRole;
  teamId?: string | null;
  teamRole?: TeamRole | null;
  department?: string | null;
  message?: string | null;
  expiresInDays?: number;
  /** From the Idempotency-Key header: a retried create returns the same invitation, not a 409. */
  idempotencyKey?: string | null;
};

export type InvitationWithLink = { invitation: InvitationView; inviteUrl: string; replayed: boolean };

export async function createInvitation(
  ctx: ServiceContext,
  input: CreateInvitationInput,
): Promise<InvitationWithLink> {
  const email = requireEmail(input.email);
  const now = ctx.clock.now();
  const nowText = now.toISOString();
  const expiryDays = input.expiresInDays ?? DEFAULT_EXPIRY_DAYS;
  const link = newInviteLink(ctx);
  const inviterId = actorUserId(ctx);

  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    assertPlanCanInvite(org);
    assertCanGrantOrgRole(actorOrgRole(ctx), input.role);
    const team = await resolveInvitationTeam(trx, org, {
      teamId: input.teamId ?? null,
      teamRole: input.teamRole ?? null,
    });
    const fields = {
      email,
      role: input.role,
      team_id: team.teamId,
      team_role: team.teamRole,
      department: input.department ?? null,
      message: input.message ?? null,
      expiry_days: expiryDays,
    };

    if (input.idempotencyKey && inviterId !== null) {
      const earlier = await findInvitationByIdempotencyKey(trx, org.id, inviterId, input.idempotencyKey);
      if (earlier) return replay(trx, ctx, earlier, fields, link, now);
    }

    await assertNotAMember(trx, org.id, email);
    await expireLapsedInvitationsFor(trx, org.id, email, nowText);
    await assertSeatAvailable(trx, org, ctx.config, nowText, { countPending: true });

    const row: InvitationRow = {
      id: newId(),
      org_id: org.id,
      ...fields,
      status: "pending",
      token_hash: link.tokenHash,
      expires_at: expiryFrom(now, expiryDays),
      invited_by: inviterId,
      idempotency_key: input.idempotencyKey ?? null,
      accepted_by: null,
      accepted_at: null,
      created_at: nowText,
      updated_at: nowText,
      token_sealed: null,
      reminded_at: null,
      expiry_recorded_at: null,
    };
    await insertInvitation(trx, row);
    await queueInvitationEmail(trx, ctx, { invitation: row, token: link.token });
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "invitation.created",
      target: { type: "invitation", id: row.id },
      after: invitationSnapshot(row),
    });
    return {
      invitation: await loadInvitationView(trx, org.id, row.id, now),
      inviteUrl: link.url,
      replayed: false,
    };
  });
}

/**
 * The same key again: the first response may have been lost, so the link is reissued (only the hash
 * was kept, the old token cannot be shown again; nobody has seen it). A key reused for a different
 * invitation is refused.
 */
async function replay(
  trx: Trx,
  ctx: ServiceContext,
  earlier: InvitationRow,
  fields: Pick<
    InvitationRow,
    "email" | "role" | "team_id" | "team_role" | "department" | "message" | "expiry_days"
  >,
  link: ReturnType<typeof newInviteLink>,
  now: Date,
): Promise<InvitationWithLink> {
  const same = (Object.keys(fields) as (keyof typeof fields)[]).every((key) => earlier[key] === fields[key]);
  if (!same) throw new AppError("IDEMPOTENCY_KEY_REUSED");
  transition(effectiveStatus({ status: earlier.status, expiresAt: earlier.expires_at }, now), "edit");
  const updated = { ...earlier, token_hash: link.tokenHash, updated_at: now.toISOString() };
  if (
    !(await updateInvitationIfStatus(trx, earlier.id, earlier.status, {
      token_hash: link.tokenHash,
      updated_at: updated.updated_at,
      // The email already queued for this invitation sends the link current at send time: this one.
      ...(earlier.token_sealed !== null && {
        token_sealed: sealInvitationToken(ctx, earlier.id, link.token),
      }),
    }))
  ) {
    throw new AppError("INVITATION_USED");
  }
  await recordAuditEvent(trx, ctx, {
    orgId: earlier.org_id,
    action: "invitation.resent",
    target: { type: "invitation", id: earlier.id },
    after: { reason: "idempotent retry" },
  });
  return {
    invitation: await loadInvitationView(trx, earlier.org_id, earlier.id, now),
    inviteUrl: link.url,
    replayed: true,
  };
}
