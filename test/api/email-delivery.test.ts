import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listJobsByUniqueKey } from "../../src/db/queries/jobs.js";
import {
  acceptInvitation,
  createInvitation,
  expectError,
  expectStatus,
  invitationAction,
  invitationUrl,
  orgUrl,
} from "../harness/api.js";
import { createTestApp, DEFAULT_PASSWORD, type TestApp, tokenFromUrl } from "../harness/app.js";
import { type MailCatcher, startMailCatcher } from "../harness/mail-catcher.js";

let catcher: MailCatcher;
let t: TestApp;

beforeAll(async () => {
  catcher = await startMailCatcher();
  t = await createTestApp({
    env: {
      SMTP_URL: catcher.url,
      SMTP_FROM: "Gatehouse <invites@gatehouse.test>",
      SECRET_KEY: "ab".repeat(32),
    },
  });
});
afterAll(async () => {
  await t.close();
  await catcher.close();
});
beforeEach(() => {
  catcher.mails.length = 0;
});

function linkIn(text: string): string {
  const match = /https?:\/\/\S+#token=[A-Za-z0-9_-]{43}/.exec(text);
  if (!match) throw new Error(`no invite link in:\n${text}`);
  return match[0];
}

async function invitationJson(orgId: string, id: string, cookie: string) {
  const list = await t.request({ method: "GET", url: orgUrl(orgId, "/invitations?limit=100"), cookie });
  expectStatus(list, 200);
  const item = (list.json() as { items: { id: string; delivery: unknown; status: string }[] }).items.find(
    (i) => i.id === id,
  );
  if (!item) throw new Error("invitation not listed");
  return item;
}

describe("invitation email", () => {
  it("emails the seed's welcome email with a link that accepts the invitation; the hostile message is escaped", async () => {
    const org = await t.setupOrg({ name: "Acme <Labs>" });
    const hostile = '<img src=x onerror="alert(1)"> & <a href="https://evil.test">win</a>';
    const created = await createInvitation(t, org, { department: "Marketing", message: hostile });
    expect((await invitationJson(org.orgId, created.invitation.id, org.admin.cookie)).delivery).toMatchObject(
      {
        status: "queued",
        kind: "invitation",
      },
    );
    // Nothing rendered, and no token in clear, is stored.
    const stored = await t.deps.db
      .selectFrom("invitations")
      .select(["token_sealed", "token_hash"])
      .where("id", "=", created.invitation.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_sealed).not.toContain(created.token);

    expect(await t.deps.jobs.runDue()).toBeGreaterThan(0);
    expect(catcher.mails).toHaveLength(1);
    const mail = catcher.mails[0];
    if (!mail) throw new Error("no mail");
    expect(mail.to).toEqual([created.invitation.email]);
    expect(mail.from).toBe("invites@gatehouse.test");
    expect(mail.subject).toBe("Ada Admin invited you to join Acme <Labs>");
    expect(mail.text).toContain("You've been invited to join Acme <Labs> on Gatehouse by Ada Admin!");
    expect(mail.text).toContain("Department: Marketing");
    expect(mail.text).toContain(hostile);
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain('href="https://evil.test"');
    expect(mail.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(mail.html).toContain("Acme &lt;Labs&gt;");
    const link = linkIn(mail.text);
    expect(link).toBe(created.inviteUrl);
    expect(mail.html).toContain(`href="${link}"`);

    const delivery = (await invitationJson(org.orgId, created.invitation.id, org.admin.cookie)).delivery;
    expect(delivery).toMatchObject({ status: "sent", error: null });

    const accepted = await acceptInvitation(t, {
      token: tokenFromUrl(link),
      name: "Nia New",
      password: DEFAULT_PASSWORD,
    });
    expectStatus(accepted, 200);
    const after = await t.deps.db
      .selectFrom("invitations")
      .select("token_sealed")
      .where("id", "=", created.invitation.id)
      .executeTakeFirstOrThrow();
    expect(after.token_sealed).toBeNull();
  });

  it("retries after the server refuses with 451, then records sent", async () => {
    const org = await t.setupOrg();
    catcher.refuse(451, "4.3.0 try again later");
    const created = await createInvitation(t, org);
    await t.deps.jobs.runDue();
    expect(catcher.mails).toHaveLength(0);
    const waiting = (await invitationJson(org.orgId, created.invitation.id, org.admin.cookie)).delivery as {
      status: string;
      error: string;
    };
    expect(waiting.status).toBe("queued");
    expect(waiting.error).toMatch(/451/);
    t.clock.advance(60 * 60 * 1000);
    await t.deps.jobs.runDue();
    expect(catcher.mails).toHaveLength(1);
    expect((await invitationJson(org.orgId, created.invitation.id, org.admin.cookie)).delivery).toMatchObject(
      {
        status: "sent",
        error: null,
      },
    );
  });

  it("a 550 refusal fails at once with the reason, without retrying", async () => {
    const org = await t.setupOrg();
    catcher.refuse(550, "5.1.1 mailbox unavailable");
    const created = await createInvitation(t, org);
    await t.deps.jobs.runDue();
    t.clock.advance(24 * 60 * 60 * 1000);
    await t.deps.jobs.runDue();
    expect(catcher.mails).toHaveLength(0);
    const delivery = (await invitationJson(org.orgId, created.invitation.id, org.admin.cookie)).delivery as {
      status: string;
      error: string;
    };
    expect(delivery.status).toBe("failed");
    expect(delivery.error).toMatch(/550.*mailbox unavailable/);
    const message = await t.deps.db
      .selectFrom("email_messages")
      .select("id")
      .where("invitation_id", "=", created.invitation.id)
      .executeTakeFirstOrThrow();
    const jobs = await listJobsByUniqueKey(t.deps.db, `email:${message.id}`);
    expect(jobs.map((j) => [j.state, j.attempts])).toEqual([["failed", 1]]);
  });

  it("resend emails a new link; Send reminder emails the same current link", async () => {
    const org = await t.setupOrg();
    const created = await createInvitation(t, org);
    await t.deps.jobs.runDue();
    const first = linkIn(catcher.mails[0]?.text ?? "");

    const resent = await invitationAction(t, org, created.invitation.id, "resend");
    expectStatus(resent, 200);
    await t.deps.jobs.runDue();
    const second = linkIn(catcher.mails[1]?.text ?? "");
    expect(second).not.toBe(first);
    expect(second).toBe((resent.json() as { inviteUrl: string }).inviteUrl);

    const reminded = await t.request({
      method: "POST",
      url: invitationUrl(org.orgId, created.invitation.id, "/remind"),
      cookie: org.admin.cookie,
    });
    expectStatus(reminded, 200);
    expect((reminded.json() as { delivery: { kind: string } }).delivery.kind).toBe("reminder");
    await t.deps.jobs.runDue();
    expect(catcher.mails).toHaveLength(3);
    expect(catcher.mails[2]?.subject).toMatch(/^Reminder: your invitation to Acme expires/);
    expect(linkIn(catcher.mails[2]?.text ?? "")).toBe(second);

    expectStatus(await invitationAction(t, org, created.invitation.id, "revoke"), 200);
    expectError(
      await t.request({
        method: "POST",
        url: invitationUrl(org.orgId, created.invitation.id, "/remind"),
        cookie: org.admin.cookie,
      }),
      "INVITATION_NOT_PENDING",
    );
  });

  it("sends one automatic reminder near expiry and records the expiry once", async () => {
    const org = await t.setupOrg();
    const created = await createInvitation(t, org, { expiresInDays: 3 });
    await t.deps.jobs.runDue();
    catcher.mails.length = 0;
    const audit = async (action: string) =>
      (
        await t.deps.db
          .selectFrom("audit_events")
          .select("id")
          .where("action", "=", action)
          .where("target_id", "=", created.invitation.id)
          .execute()
      ).length;

    const { remindInvitations, expireInvitations } = await import(
      "../../src/services/invitations/sweep-invitations.js"
    );
    expect(await remindInvitations(t.deps)).toBe(0);
    t.clock.advanceDays(1.5);
    await remindInvitations(t.deps);
    await remindInvitations(t.deps);
    await t.deps.jobs.runDue();
    expect(catcher.mails.filter((m) => m.to[0] === created.invitation.email)).toHaveLength(1);
    expect(await audit("invitation.reminded")).toBe(1);

    t.clock.advanceDays(2);
    await expireInvitations(t.deps);
    await expireInvitations(t.deps);
    expect(await audit("invitation.expired")).toBe(1);
    const row = await t.deps.db
      .selectFrom("invitations")
      .select(["status", "token_sealed"])
      .where("id", "=", created.invitation.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "expired", token_sealed: null });
  });
});

describe("queueInvitationEmails (the importer's batch)", () => {
  it("queues one email and one job per invitation in one call, each sent with its own link", async () => {
    const { queueInvitationEmails } = await import("../../src/mail/queue-invitation-email.js");
    const { inTransaction } = await import("../../src/db/transaction.js");
    const { newToken } = await import("../../src/security/tokens.js");
    const org = await t.setupOrg();
    const invitations: { id: string; email: string }[] = [];
    for (let i = 0; i < 3; i++) invitations.push((await createInvitation(t, org)).invitation);
    await t.deps.jobs.runDue();
    catcher.mails.length = 0;
    const tokens = invitations.map(() => newToken());
    const queued = await inTransaction(t.deps.db, (trx) =>
      queueInvitationEmails(
        trx,
        t.deps,
        invitations.map((inv, i) => ({
          invitation: { id: inv.id, org_id: org.orgId, email: inv.email },
          token: tokens[i] ?? null,
          inviteeName: `Person ${i}`,
        })),
      ),
    );
    expect(queued).toBe(3);
    await t.deps.jobs.runDue();
    expect(catcher.mails).toHaveLength(3);
    invitations.forEach((inv, i) => {
      const mail = catcher.mails.find((m) => m.to[0] === inv.email);
      expect(mail?.text).toContain(`Hi Person ${i},`);
      expect(mail?.text).toContain(`#token=${tokens[i]}`);
    });
  });
});

describe("email templates API", () => {
  it("validates, previews, saves (audited), is used for mail, and resets", async () => {
    const org = await t.setupOrg({ name: "Globex" });
    const url = orgUrl(org.orgId, "/email-templates/invitation");
    const got = await t.request({ method: "GET", url, cookie: org.admin.cookie });
    expectStatus(got, 200);
    expect(got.json()).toMatchObject({ isDefault: true });

    const bad = await t.request({
      method: "PUT",
      url,
      cookie: org.admin.cookie,
      body: { subject: "Hi [Name]", text: "Join: [Link] [Model List]", html: "<a href='[Link]'>join</a>" },
    });
    expect(expectError(bad, "VALIDATION_FAILED").message).toMatch(/Unknown placeholder \[Model List\]/);

    const body = {
      subject: "Join [Organization], [Name]",
      text: "Hello [Name], [Inviter] says [Personal Message]. Join: [Link]",
      html: '<p>[Personal Message]</p><a href="[Link]">Join [Organization]</a>',
    };
    const preview = await t.request({
      method: "POST",
      url: `${url}/preview`,
      cookie: org.admin.cookie,
      body,
    });
    expectStatus(preview, 200);
    expect(preview.json()).toMatchObject({ subject: "Join Globex, Alice Johnson" });

    expectStatus(await t.request({ method: "PUT", url, cookie: org.admin.cookie, body }), 200);
    const created = await createInvitation(t, org, { message: "<b>hi</b>" });
    await t.deps.jobs.runDue();
    const mail = catcher.mails.find((m) => m.to[0] === created.invitation.email);
    expect(mail?.subject).toBe(`Join Globex, ${created.invitation.email}`);
    expect(mail?.html).toContain("<p>&lt;b&gt;hi&lt;/b&gt;</p>");
    expect(linkIn(mail?.text ?? "")).toBe(created.inviteUrl);

    const audits = await t.deps.db
      .selectFrom("audit_events")
      .select("id")
      .where("org_id", "=", org.orgId)
      .where("action", "=", "email_template.updated")
      .execute();
    expect(audits).toHaveLength(1);

    const reset = await t.request({ method: "DELETE", url, cookie: org.admin.cookie });
    expectStatus(reset, 200);
    expect(reset.json()).toMatchObject({
      isDefault: true,
      subject: "[Inviter] invited you to join [Organization]",
    });
  });

  it("refuses every new route to a member and a viewer", async () => {
    const org = await t.setupOrg();
    const created = await createInvitation(t, org);
    for (const role of ["member", "viewer"] as const) {
      const person = await t.addMember(org, { role });
      const body = { subject: "x", text: "[Link]", html: "[Link]" };
      const calls = [
        { method: "GET" as const, url: orgUrl(org.orgId, "/email-settings") },
        { method: "GET" as const, url: orgUrl(org.orgId, "/email-templates/invitation") },
        { method: "PUT" as const, url: orgUrl(org.orgId, "/email-templates/invitation"), body },
        { method: "DELETE" as const, url: orgUrl(org.orgId, "/email-templates/invitation") },
        { method: "POST" as const, url: orgUrl(org.orgId, "/email-templates/invitation/preview"), body },
        { method: "POST" as const, url: invitationUrl(org.orgId, created.invitation.id, "/remind") },
      ];
      for (const call of calls) {
        expectError(await t.request({ ...call, cookie: person.cookie }), "FORBIDDEN");
      }
    }
  });

  it("email-settings says whether delivery is configured", async () => {
    const org = await t.setupOrg();
    const settings = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/email-settings"),
      cookie: org.admin.cookie,
    });
    expect(settings.json()).toEqual({ enabled: true, from: "Gatehouse <invites@gatehouse.test>" });
  });
});

describe("without SMTP_URL", () => {
  it("queues nothing, says so, and refuses reminders with a clear error", async () => {
    const plain = await createTestApp();
    try {
      const org = await plain.setupOrg();
      const created = await createInvitation(plain, org);
      expect(await plain.deps.db.selectFrom("email_messages").selectAll().execute()).toEqual([]);
      const settings = await plain.request({
        method: "GET",
        url: orgUrl(org.orgId, "/email-settings"),
        cookie: org.admin.cookie,
      });
      expect(settings.json()).toEqual({ enabled: false, from: null });
      const remind = await plain.request({
        method: "POST",
        url: invitationUrl(org.orgId, created.invitation.id, "/remind"),
        cookie: org.admin.cookie,
      });
      expect(expectError(remind, "EMAIL_NOT_CONFIGURED").message).toMatch(/Copy the invite link/);
    } finally {
      await plain.close();
    }
  });
});
