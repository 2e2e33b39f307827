import type { Config } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { countPendingInvitations } from "../../db/queries/invitations.js";
import { countMembers } from "../../db/queries/memberships.js";
import type { OrgRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import { hasFreeSeat, type SeatUsage } from "../../domain/plans.js";

export function seatLimitOf(org: Pick<OrgRow, "plan" | "seat_limit">, config: Pick<Config, "seatLimits">) {
  return org.seat_limit ?? config.seatLimits[org.plan];
}

export async function getSeatUsage(
  db: Executor,
  org: Pick<OrgRow, "id" | "plan" | "seat_limit">,
  config: Pick<Config, "seatLimits">,
  now: string,
): Promise<SeatUsage> {
  const [used, pending] = await Promise.all([
    countMembers(db, org.id),
    countPendingInvitations(db, org.id, now),
  ]);
  return { limit: seatLimitOf(org, config), used, pending };
}

/**
 * Refuses when the org has no seat left. `countPending` is true when inviting (members plus pending
 * invitations count) and false when accepting (the accepted invitation's own seat becomes a member's).
 * Unlimited orgs skip the counts altogether.
 */
export async function assertSeatAvailable(
  db: Executor,
  org: Pick<OrgRow, "id" | "plan" | "seat_limit">,
  config: Pick<Config, "seatLimits">,
  now: string,
  options: { countPending: boolean },
): Promise<void> {
  if (seatLimitOf(org, config) === null) return;
  assertFreeSeat(await getSeatUsage(db, org, config, now), options);
}

function assertFreeSeat(usage: SeatUsage, options: { countPending: boolean }): void {
  const effective = options.countPending ? usage : { ...usage, pending: 0 };
  if (!hasFreeSeat(effective)) {
    throw new AppError("SEAT_LIMIT_REACHED", {
      ...(!options.countPending && {
        message:
          "This organization has no free seat left, so the invitation cannot be accepted now. Ask an admin to free a seat.",
      }),
      details: { limit: usage.limit, used: usage.used, pending: usage.pending },
    });
  }
}
