import { describe, expect, it } from "vitest";
import {
  DEFAULT_EMAIL_TEMPLATES,
  type EmailValues,
  renderEmail,
  SAMPLE_EMAIL_VALUES,
  validateEmailTemplate,
} from "./email-templates.js";
import { AppError } from "./errors.js";

const values: EmailValues = { ...SAMPLE_EMAIL_VALUES, Link: "https://g.test/invite#token=abc" };

describe("email templates", () => {
  it("fills the seed's welcome email from the values, in text and HTML", () => {
    const mail = renderEmail(DEFAULT_EMAIL_TEMPLATES.invitation, values);
    expect(mail.subject).toBe("Ada Admin invited you to join Acme");
    expect(mail.text).toContain("Hi Alice Johnson,");
    expect(mail.text).toContain("You've been invited to join Acme on Gatehouse by Ada Admin!");
    expect(mail.text).toContain("Join your team space: Marketing");
    expect(mail.text).toContain("Accept your invitation: https://g.test/invite#token=abc");
    expect(mail.html).toContain('<a href="https://g.test/invite#token=abc">');
    expect(mail.text).not.toMatch(/\[[A-Z][a-z]+/);
  });

  it("escapes every value in HTML, the personal message included", () => {
    const hostile = '<script>alert("x")</script><a href="https://evil.test">click</a>';
    const mail = renderEmail(DEFAULT_EMAIL_TEMPLATES.invitation, {
      ...values,
      "Personal Message": hostile,
      Organization: "A&B <Co>",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain('href="https://evil.test"');
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("A&amp;B &lt;Co&gt;");
    expect(mail.text).toContain(hostile);
  });

  it("leaves out lines whose values are empty, and keeps the subject on one line", () => {
    const mail = renderEmail(DEFAULT_EMAIL_TEMPLATES.invitation, {
      ...values,
      "Personal Message": "",
      "Team Name": "",
      Organization: "Line\r\nBcc: x@evil.test",
    });
    expect(mail.text).not.toContain("says:");
    expect(mail.text).not.toContain("team space");
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses unknown placeholders, a missing link and a multi-line subject", () => {
    const base = DEFAULT_EMAIL_TEMPLATES.invitation;
    expect(validateEmailTemplate(base)).toBe(base);
    expect(() => validateEmailTemplate({ ...base, text: `${base.text} [Model List]` })).toThrow(
      /Unknown placeholder \[Model List\]/,
    );
    expect(() => validateEmailTemplate({ ...base, html: "<p>Hello</p>" })).toThrow(/must contain \[Link\]/);
    expect(() => validateEmailTemplate({ ...base, subject: "a\nb" })).toThrow(AppError);
  });
});
