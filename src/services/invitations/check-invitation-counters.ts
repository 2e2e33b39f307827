import { sql } from "kysely";
import { isPostgres } from "../../db/client.js";
import {
  readStoredInvitationCounters,
  recountInvitationCounters,
  type StoredInvitationCounts,
} from "../../db/queries/invitation-stats.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../context.js";

/** One difference between a stored counter and the rows: `day` is set for the per-day chart counts. */
export type CounterDrift = { counter: string; day?: string; stored: number; counted: number };

export type CounterReport = { orgId: string; drift: CounterDrift[]; repaired: boolean };

/**
 * Operators' check of the Invitation Dashboard's counters (migration 0013): triggers keep them in the
 * same transaction as every change, so they drift only if rows were changed behind the triggers' back
 * (a manual edit, a restore of one table). Each org's stored counters are compared with a recount of
 * its invitations and audit events; with `repair`, an org that drifted gets its counters rewritten
 * from the recount. Each org is checked (and repaired) in one transaction that holds off writers to
 * its invitations, so a change made meanwhile is counted once, either way.
 */
export async function checkInvitationCounters(
  deps: Pick<Deps, "db">,
  options: { orgId?: string; repair?: boolean } = {},
): Promise<CounterReport[]> {
  const orgs = await deps.db
    .selectFrom("orgs")
    .select("id")
    .$if(options.orgId !== undefined, (q) => q.where("id", "=", options.orgId as string))
    .orderBy("id")
    .execute();
  const reports: CounterReport[] = [];
  for (const { id: orgId } of orgs) {
    reports.push(
      await inTransaction(deps.db, async (trx) => {
        // PostgreSQL: no invitation (or its counters) changes until this org is done. SQLite's write
        // transaction already excludes every other writer.
        if (isPostgres(trx)) await sql`lock table invitations in share mode`.execute(trx);
        else await sql`update invitation_counters set org_id = org_id where org_id = ${orgId}`.execute(trx);
        const stored = await readStoredInvitationCounters(trx, orgId);
        const counted = await recountInvitationCounters(trx, orgId);
        const drift = compare(stored, counted);
        if (drift.length === 0 || !options.repair) return { orgId, drift, repaired: false };
        await trx.deleteFrom("invitation_counters").where("org_id", "=", orgId).execute();
        await trx
          .insertInto("invitation_counters")
          .values({ org_id: orgId, ...counted.counters })
          .execute();
        await trx.deleteFrom("invitation_daily_counts").where("org_id", "=", orgId).execute();
        if (counted.days.length > 0) {
          await trx
            .insertInto("invitation_daily_counts")
            .values(counted.days.map((d) => ({ org_id: orgId, ...d })))
            .execute();
        }
        return { orgId, drift, repaired: true };
      }),
    );
  }
  return reports;
}

function compare(stored: StoredInvitationCounts, counted: StoredInvitationCounts): CounterDrift[] {
  const drift: CounterDrift[] = [];
  for (const counter of ["pending", "accepted", "expired", "revoked", "resent"] as const) {
    if (stored.counters[counter] !== counted.counters[counter])
      drift.push({ counter, stored: stored.counters[counter], counted: counted.counters[counter] });
  }
  const byDay = (days: StoredInvitationCounts["days"]) => new Map(days.map((d) => [d.day, d]));
  const storedDays = byDay(stored.days);
  const countedDays = byDay(counted.days);
  const none = { sent: 0, accepted: 0 };
  for (const day of [...new Set([...storedDays.keys(), ...countedDays.keys()])].sort()) {
    const a = storedDays.get(day) ?? none;
    const b = countedDays.get(day) ?? none;
    for (const counter of ["sent", "accepted"] as const) {
      if (a[counter] !== b[counter]) drift.push({ counter, day, stored: a[counter], counted: b[counter] });
    }
  }
  return drift;
}
