import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config.js";

export type OutgoingMail = { to: string; subject: string; text: string; html: string };
export type MailTransport = { from: string; send(mail: OutgoingMail): Promise<{ messageId: string }> };

const transporters = new Map<string, Transporter>();

/**
 * The SMTP transport from `SMTP_URL` (smtp:// with STARTTLS when offered, smtps:// for implicit TLS;
 * user and password in the URL) and `SMTP_FROM`; null when email delivery is not configured.
 */
export function mailTransportFor(config: Pick<Config, "mail">): MailTransport | null {
  const url = config.mail.smtpUrl;
  if (!url) return null;
  let transporter = transporters.get(url);
  if (!transporter) {
    transporter = nodemailer.createTransport(url);
    transporters.set(url, transporter);
  }
  const from = config.mail.from;
  const t = transporter;
  return {
    from,
    async send(mail) {
      const info = await t.sendMail({ from, ...mail });
      return { messageId: String(info.messageId ?? "") };
    },
  };
}

/**
 * A refusal retrying cannot fix: an SMTP 5xx reply (550 mailbox unavailable, 553 bad address) or an
 * address the transport rejects before sending. 4xx replies and network errors are retried.
 */
export function isPermanentMailError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === "number") return e.responseCode >= 500 && e.responseCode < 600;
  return e.code === "EENVELOPE";
}
