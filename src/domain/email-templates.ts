import { AppError } from "./errors.js";

/**
 * Invitation emails (issue 4). The default is the mixus seed's "Welcome Email Template", with its
 * `[Placeholder]` syntax; the seed's capability lines (model list, integration count, storage and
 * agent limits) have no source in Gatehouse and are replaced by the invitation's real role, team and
 * department. Pure: no I/O. Rendering fills placeholders from real data; in HTML every value is
 * escaped, and the personal message is escaped everywhere it can carry markup.
 *
 * A line whose placeholders include an empty value (no team, no personal message) is left out, so
 * optional parts need no conditional syntax.
 */
export const EMAIL_TEMPLATE_KINDS = ["invitation", "reminder"] as const;
export type EmailTemplateKind = (typeof EMAIL_TEMPLATE_KINDS)[number];

export const EMAIL_PLACEHOLDERS = [
  "Name",
  "Organization",
  "Inviter",
  "Role",
  "Team Name",
  "Department",
  "Link",
  "Expiry Date",
  "Personal Message",
] as const;
export type EmailPlaceholder = (typeof EMAIL_PLACEHOLDERS)[number];
export type EmailValues = Record<EmailPlaceholder, string>;

export type EmailTemplate = { subject: string; text: string; html: string };
export type RenderedEmail = EmailTemplate;

const WELCOME_TEXT = `📧 Welcome to [Organization]!

Hi [Name],

You've been invited to join [Organization] on Gatehouse by [Inviter]! Here's what you can do:

🤖 Your Access:
- Role: [Role]
- Team space: [Team Name]
- Department: [Department]

[Inviter] says: "[Personal Message]"

🚀 Getting Started:
1. Accept your invitation: [Link]
2. Complete your profile setup
3. Join your team space: [Team Name]
4. Explore available integrations

This link works until [Expiry Date].

Welcome aboard!
The [Organization] Team
`;

const WELCOME_HTML = `<h1>📧 Welcome to [Organization]!</h1>
<p>Hi [Name],</p>
<p>You've been invited to join [Organization] on Gatehouse by [Inviter]! Here's what you can do:</p>
<p>🤖 Your Access:</p>
<ul>
<li>Role: [Role]</li>
<li>Team space: [Team Name]</li>
<li>Department: [Department]</li>
</ul>
<blockquote>[Inviter] says: "[Personal Message]"</blockquote>
<p>🚀 Getting Started:</p>
<ol>
<li><a href="[Link]">Accept your invitation</a></li>
<li>Complete your profile setup</li>
<li>Join your team space: [Team Name]</li>
<li>Explore available integrations</li>
</ol>
<p>This link works until [Expiry Date].</p>
<p>Welcome aboard!<br>The [Organization] Team</p>
`;

export const DEFAULT_EMAIL_TEMPLATES: Record<EmailTemplateKind, EmailTemplate> = {
  invitation: {
    subject: "[Inviter] invited you to join [Organization]",
    text: WELCOME_TEXT,
    html: WELCOME_HTML,
  },
  reminder: {
    subject: "Reminder: your invitation to [Organization] expires [Expiry Date]",
    text: `Reminder: your invitation is waiting.\n\n${WELCOME_TEXT}`,
    html: `<p><strong>Reminder: your invitation is waiting.</strong></p>\n${WELCOME_HTML}`,
  },
};

/**
 * Sign-up emails (issue 5, item 1): Gatehouse's own wording, not editable per org (the person is not a
 * member yet, and the text must say plainly what the link does). [Name] is the address the email
 * goes to; [Organization] the org whose verified domain matched. `signup` carries the one-time link;
 * `signup_existing` goes instead when the address already has an account, so the form's answer
 * never says which addresses have one.
 */
export const SIGNUP_EMAIL_KINDS = ["signup", "signup_existing"] as const;
export type SignupEmailKind = (typeof SIGNUP_EMAIL_KINDS)[number];

export const SIGNUP_EMAIL_TEMPLATES: Record<SignupEmailKind, EmailTemplate> = {
  signup: {
    subject: "Confirm your email to join [Organization]",
    text: `Hi,

Someone (hopefully you) asked to join [Organization] on Gatehouse with [Name].

Confirm your email and create your account: [Link]

This link works once, until [Expiry Date]. If you did not ask to join, ignore this email: nothing happens without the link.

The [Organization] Team
`,
    html: `<p>Hi,</p>
<p>Someone (hopefully you) asked to join [Organization] on Gatehouse with [Name].</p>
<p><a href="[Link]">Confirm your email and create your account</a></p>
<p>This link works once, until [Expiry Date]. If you did not ask to join, ignore this email: nothing happens without the link.</p>
<p>The [Organization] Team</p>
`,
  },
  signup_existing: {
    subject: "You already have an account: sign in to join [Organization]",
    text: `Hi,

Someone (hopefully you) asked to join [Organization] on Gatehouse with [Name].

You already have an account with this email, so there is nothing to sign up for. Sign in instead: [Link]

If you did not ask to join, ignore this email: nothing has changed.

The [Organization] Team
`,
    html: `<p>Hi,</p>
<p>Someone (hopefully you) asked to join [Organization] on Gatehouse with [Name].</p>
<p>You already have an account with this email, so there is nothing to sign up for. <a href="[Link]">Sign in instead</a>.</p>
<p>If you did not ask to join, ignore this email: nothing has changed.</p>
<p>The [Organization] Team</p>
`,
  },
};

const PLACEHOLDER = /\[([^\]\n]{1,40})\]/g;
const MAX_LENGTH = { subject: 300, text: 20_000, html: 50_000 } as const;

/** Every `[Placeholder]` in a text, in order. */
function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}

/** A template an admin saves: known placeholders only, a link in both bodies, sane sizes. */
export function validateEmailTemplate(template: EmailTemplate): EmailTemplate {
  const known = new Set<string>(EMAIL_PLACEHOLDERS);
  for (const field of ["subject", "text", "html"] as const) {
    const value = template[field];
    if (value.trim().length === 0 || value.length > MAX_LENGTH[field]) {
      throw new AppError("VALIDATION_FAILED", {
        message: `The ${field} must be between 1 and ${MAX_LENGTH[field]} characters.`,
        details: { field },
      });
    }
    const unknown = placeholdersIn(value).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new AppError("VALIDATION_FAILED", {
        message: `Unknown placeholder [${unknown[0]}] in the ${field}. Use one of: ${EMAIL_PLACEHOLDERS.map((p) => `[${p}]`).join(", ")}.`,
        details: { field, placeholder: unknown[0] },
      });
    }
  }
  if (/[\r\n]/.test(template.subject)) {
    throw new AppError("VALIDATION_FAILED", {
      message: "The subject must be a single line.",
      details: { field: "subject" },
    });
  }
  for (const field of ["text", "html"] as const) {
    if (!placeholdersIn(template[field]).includes("Link")) {
      throw new AppError("VALIDATION_FAILED", {
        message: `The ${field} body must contain [Link], or the invitee has no way to accept.`,
        details: { field },
      });
    }
  }
  return template;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function fill(template: string, values: EmailValues, encode: (value: string) => string): string {
  return template
    .split("\n")
    .filter((line) => placeholdersIn(line).every((name) => (values[name as EmailPlaceholder] ?? "") !== ""))
    .map((line) =>
      line.replace(PLACEHOLDER, (whole, name: string) =>
        name in values ? encode(values[name as EmailPlaceholder]) : whole,
      ),
    )
    .join("\n");
}

/** Subject (one line), plain text, and HTML with every value escaped. */
export function renderEmail(template: EmailTemplate, values: EmailValues): RenderedEmail {
  const oneLine = (v: string) => v.replace(/[\r\n]+/g, " ");
  return {
    subject: fill(template.subject, values, oneLine).trim(),
    text: fill(template.text, values, (v) => v),
    html: fill(template.html, values, escapeHtml),
  };
}

/** Values for the preview: clearly sample data, never a working link. */
export const SAMPLE_EMAIL_VALUES: EmailValues = {
  Name: "Alice Johnson",
  Organization: "Acme",
  Inviter: "Ada Admin",
  Role: "member",
  "Team Name": "Marketing",
  Department: "Marketing",
  Link: "https://gatehouse.example/invite#token=sample",
  "Expiry Date": "1 January 2030",
  "Personal Message": "Welcome to the team!",
};
