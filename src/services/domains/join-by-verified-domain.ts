import { findJoinRequestOf, insertJoinRequest } from "../../db/queries/join-requests.js";
import { findMembership, insertMembership } from "../../db/queries/memberships.js";
import { listVerifiedDomainsFor } from "../../db/queries/org-domains.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { findTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { findUserById } from "../../db/queries/users.js";
import type { Trx } from "../../db/transaction.js";
import { emailDomain, emailMatchesDomain, joinRole } from "../../domain/identity/domains.js";
import { DEFAULT_TEAM_ROLE, hasFreeSeat } from "../../domain/plans.js";
import type { OrgRole } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { getSeatUsage } from "../shared/seats.js";
import { settingsOf } from "./domain-view.js";

export type DomainJoinOutcome = {
  orgId: string;
  domain: string;
  outcome: "joined" | "requested" | "no_seat";
  role: OrgRole;
};

/**
 * Everything a sign-in owes a person at a verified domain, inside the caller's transaction: for each
 * org whose verified domain matches the email, mode auto -> they join with the department's role or
 * the default (a seat is counted; with no seat left a join request is filed instead), mode approval
 * -> a join request is filed. Each org is tried once per person: an existing request (pending,
 * approved, declined) or membership means nothing happens, so a removed member does not come back.
 *
 * Only a proven email ever joins: `users.email_verified_at`, or `emailVerified: true` when an SSO
 * provider asserts `email_verified` for this sign-in (SSO callers pass it).
 */
export async function joinByVerifiedDomain(
  trx: Trx,
  ctx: ServiceContext,
  input: { userId: string; email: string; department?: string | null; emailVerified?: boolean },
): Promise<DomainJoinOutcome[]> {
  const host = emailDomain(input.email);
  if (host === null) return [];
  const user = await findUserById(trx, input.userId);
  if (!user || user.email !== input.email) return [];
  if (user.email_verified_at === null && input.emailVerified !== true) return [];

  const candidates = (await listVerifiedDomainsFor(trx, host)).filter(
    (d) =>
      d.mode !== "off" &&
      emailMatchesDomain(input.email, { domain: d.domain, includeSubdomains: d.include_subdomains === 1 }),
  );
  const outcomes: DomainJoinOutcome[] = [];
  const seen = new Set<string>();
  // Ordered by org id: concurrent sign-ins lock orgs in the same order.
  for (const domain of candidates) {
    if (seen.has(domain.org_id)) continue;
    seen.add(domain.org_id);
    const org = await requireLockedOrg(trx, domain.org_id);
    if (await findMembership(trx, org.id, input.userId)) continue;
    if (await findJoinRequestOf(trx, org.id, input.userId)) continue;
    const settings = settingsOf(domain);
    const role = joinRole(settings, input.department);
    const now = nowIso(ctx);
    const department = input.department?.trim() || null;
    let outcome: DomainJoinOutcome["outcome"] = settings.mode === "auto" ? "joined" : "requested";
    if (outcome === "joined" && !hasFreeSeat(await getSeatUsage(trx, org, ctx.config, now))) {
      outcome = "no_seat";
    }
    const requestId = newId();
    await insertJoinRequest(trx, {
      id: requestId,
      org_id: org.id,
      user_id: input.userId,
      domain_id: domain.id,
      email: input.email,
      department,
      role,
      status: outcome === "joined" ? "approved" : "pending",
      decided_by: null,
      decided_at: outcome === "joined" ? now : null,
      created_at: now,
    });
    if (outcome === "joined") {
      await addDomainMember(trx, ctx, {
        orgId: org.id,
        defaultTeamId: org.default_team_id,
        userId: input.userId,
        role,
        department,
        note: { via: "domain", domain: domain.domain, joinRequestId: requestId },
      });
    } else {
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "join_request.created",
        target: { type: "join_request", id: requestId },
        after: {
          userId: input.userId,
          email: input.email,
          domain: domain.domain,
          role,
          department,
          ...(outcome === "no_seat" && { reason: "no free seat for automatic join" }),
        },
      });
    }
    outcomes.push({ orgId: org.id, domain: domain.domain, outcome, role });
  }
  return outcomes;
}

/** A membership (and the default team) for someone joining through a domain; audit member.added "via domain". */
export async function addDomainMember(
  trx: Trx,
  ctx: ServiceContext,
  input: {
    orgId: string;
    defaultTeamId: string | null;
    userId: string;
    role: OrgRole;
    department: string | null;
    note: Record<string, unknown>;
  },
): Promise<void> {
  const now = nowIso(ctx);
  await insertMembership(trx, {
    id: newId(),
    org_id: input.orgId,
    user_id: input.userId,
    role: input.role,
    department: input.department,
    created_at: now,
    updated_at: now,
  });
  const team = input.defaultTeamId ? await findTeam(trx, input.orgId, input.defaultTeamId) : undefined;
  if (team) {
    await insertTeamMembership(trx, {
      team_id: team.id,
      user_id: input.userId,
      org_id: input.orgId,
      role: DEFAULT_TEAM_ROLE,
      created_at: now,
      updated_at: now,
    });
  }
  await bumpAccessVersion(trx, input.orgId);
  await recordAuditEvent(trx, ctx, {
    orgId: input.orgId,
    action: "member.added",
    target: { type: "member", id: input.userId },
    after: {
      role: input.role,
      department: input.department,
      team: team ? { teamId: team.id, name: team.name, role: DEFAULT_TEAM_ROLE } : null,
      ...input.note,
    },
  });
}
