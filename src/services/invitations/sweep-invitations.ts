import { inTransaction } from "../../db/transaction.js";
import { isEmailDeliveryEnabled, queueInvitationEmails } from "../../mail/queue-invitation-email.js";
import { type Deps, systemContext } from "../context.js";
import { recordAuditEvents } from "../shared/record-audit-event.js";

const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The `invitations.expire` sweep: each invitation past its expiry gets `invitation.expired` recorded
 * exactly once (the conditional update on `expiry_recorded_at` claims it, so two instances never both
 * record it) and its sealed token cleared. Returns how many were recorded.
 */
export async function expireInvitations(deps: Deps): Promise<number> {
  const ctx = systemContext(deps, "system");
  let total = 0;
  for (;;) {
    const now = deps.clock.now().toISOString();
    const done = await inTransaction(deps.db, async (trx) => {
      const due = await trx
        .selectFrom("invitations")
        .select("id")
        .where("expiry_recorded_at", "is", null)
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "pending"), eb("expires_at", "<=", now)]),
            eb("status", "=", "expired"),
          ]),
        )
        .limit(BATCH)
        .execute();
      if (due.length === 0) return 0;
      const claimed = await trx
        .updateTable("invitations")
        .set((eb) => ({
          expiry_recorded_at: now,
          token_sealed: null,
          status: eb
            .case()
            .when("status", "=", "pending")
            .then("expired" as const)
            .else(eb.ref("status"))
            .end(),
          updated_at: now,
        }))
        .where(
          "id",
          "in",
          due.map((d) => d.id),
        )
        .where("expiry_recorded_at", "is", null)
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "pending"), eb("expires_at", "<=", now)]),
            eb("status", "=", "expired"),
          ]),
        )
        .returning(["id", "org_id", "expires_at"])
        .execute();
      await recordAuditEvents(
        trx,
        ctx,
        claimed.map((row) => ({
          orgId: row.org_id,
          action: "invitation.expired" as const,
          target: { type: "invitation" as const, id: row.id },
          before: { status: "pending", expiresAt: row.expires_at },
          after: { status: "expired" },
        })),
      );
      return claimed.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * The `invitations.remind` sweep: one reminder email for each pending invitation within
 * INVITATION_REMINDER_DAYS of expiry that was not reminded yet (manual reminders count). Does nothing
 * without SMTP. Returns how many were queued.
 */
export async function remindInvitations(deps: Deps): Promise<number> {
  if (!isEmailDeliveryEnabled(deps)) return 0;
  const ctx = systemContext(deps, "system");
  let total = 0;
  for (;;) {
    const nowDate = deps.clock.now();
    const now = nowDate.toISOString();
    const horizon = new Date(nowDate.getTime() + deps.config.mail.reminderDays * DAY_MS).toISOString();
    const done = await inTransaction(deps.db, async (trx) => {
      const due = await trx
        .selectFrom("invitations")
        .select("id")
        .where("status", "=", "pending")
        .where("reminded_at", "is", null)
        .where("token_sealed", "is not", null)
        .where("expires_at", ">", now)
        .where("expires_at", "<=", horizon)
        .limit(BATCH)
        .execute();
      if (due.length === 0) return 0;
      const claimed = await trx
        .updateTable("invitations")
        .set({ reminded_at: now })
        .where(
          "id",
          "in",
          due.map((d) => d.id),
        )
        .where("reminded_at", "is", null)
        .where("status", "=", "pending")
        .returning(["id", "org_id", "email", "expires_at"])
        .execute();
      await queueInvitationEmails(
        trx,
        deps,
        claimed.map((row) => ({ invitation: row, token: null, kind: "reminder" as const })),
      );
      await recordAuditEvents(
        trx,
        ctx,
        claimed.map((row) => ({
          orgId: row.org_id,
          action: "invitation.reminded" as const,
          target: { type: "invitation" as const, id: row.id },
          after: { trigger: "automatic", to: row.email, expiresAt: row.expires_at },
        })),
      );
      return claimed.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}
