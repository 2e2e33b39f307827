import { type FormEvent, useEffect, useId, useState } from "react";
import {
  type EmailTemplate,
  type EmailTemplateFields,
  type EmailTemplateKind,
  getEmailSettings,
  getEmailTemplate,
  previewEmailTemplate,
  resetEmailTemplate,
  saveEmailTemplate,
} from "../api/audit-email-endpoints";
import { errorMessage } from "../api/client";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { TextField } from "../components/text-field";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

const KINDS: { value: EmailTemplateKind; label: string }[] = [
  { value: "invitation", label: "Invitation" },
  { value: "reminder", label: "Reminder" },
];

/**
 * Settings → Email (admins): whether invitations are emailed (SMTP_URL) and from which address, and
 * the invitation and reminder templates with their placeholders, a preview with sample values, Save
 * and Reset to default.
 */
export function EmailPage() {
  const { org, isAdmin } = useOrg();
  const settings = useResource(isAdmin ? `email-settings:${org.id}` : null, () => getEmailSettings(org.id));
  const [kind, setKind] = useState<EmailTemplateKind>("invitation");
  const kindId = useId();

  if (!isAdmin) {
    return (
      <SettingsLayout>
        <PageHeader title="Email" />
        <p className="panel">Only admins can change how invitations are emailed.</p>
      </SettingsLayout>
    );
  }

  return (
    <SettingsLayout>
      <div className="stack">
        <PageHeader
          title="Email"
          help="How invitations and reminders reach people, and what the emails say."
        />
        <section className="card" aria-labelledby="email-delivery-title">
          <h2 id="email-delivery-title">Delivery</h2>
          <ErrorText message={settings.error ? errorMessage(settings.error) : null} />
          {settings.isLoading && !settings.data && <Loading />}
          {settings.data &&
            (settings.data.enabled ? (
              <p role="status">
                Configured: invitations and reminders are emailed from <strong>{settings.data.from}</strong>.
              </p>
            ) : (
              <p className="panel panel-warning" role="status">
                Not configured: links are copied and shared by hand; set SMTP_URL to email them.
              </p>
            ))}
        </section>
        <section className="card" aria-labelledby="email-template-title">
          <h2 id="email-template-title">Template</h2>
          <div className="field field-narrow">
            <label htmlFor={kindId}>Email</label>
            <select
              id={kindId}
              className="input"
              value={kind}
              onChange={(e) => setKind(e.target.value as EmailTemplateKind)}
            >
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <TemplateEditor key={kind} orgId={org.id} kind={kind} />
        </section>
      </div>
    </SettingsLayout>
  );
}

function TemplateEditor({ orgId, kind }: { orgId: string; kind: EmailTemplateKind }) {
  const announce = useAnnounce();
  const template = useResource(`email-template:${orgId}:${kind}`, () => getEmailTemplate(orgId, kind));
  const [draft, setDraft] = useState<EmailTemplateFields | null>(null);
  const [preview, setPreview] = useState<EmailTemplateFields | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const label = KINDS.find((k) => k.value === kind)?.label ?? kind;

  const loaded = template.data;
  useEffect(() => {
    if (loaded) setDraft({ subject: loaded.subject, text: loaded.text, html: loaded.html });
  }, [loaded]);

  if (template.error) return <ErrorText message={errorMessage(template.error)} />;
  if (!loaded || !draft) return <Loading />;

  const set = (field: keyof EmailTemplateFields) => (value: string) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setPreview(null);
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await saveEmailTemplate(orgId, kind, draft);
      template.setData(() => saved);
      announce(`${label} template saved.`);
    });
  };
  const showPreview = () =>
    run(async () => {
      setPreview(await previewEmailTemplate(orgId, kind, draft));
    });
  const reset = async () => {
    const fresh: EmailTemplate = await resetEmailTemplate(orgId, kind);
    template.setData(() => fresh);
    setPreview(null);
    setError(null);
    announce(`${label} template reset to the default.`);
  };

  return (
    <form onSubmit={save} className="form" aria-label={`${label} template`}>
      <p className="hint">
        {loaded.isDefault
          ? "This is the default template."
          : `Customised${loaded.updatedAt ? ` on ${formatDateTime(loaded.updatedAt)}` : ""}.`}{" "}
        Placeholders, filled in for each person:{" "}
        {loaded.placeholders.map((p, i) => (
          <span key={p}>
            {i > 0 && ", "}
            <code>[{p}]</code>
          </span>
        ))}
        . A line whose placeholders are empty (no team, no personal message) is left out.
      </p>
      <TextField label="Subject" value={draft.subject} onChange={set("subject")} maxLength={300} required />
      <TextField label="Text" value={draft.text} onChange={set("text")} multiline rows={12} />
      <TextField label="HTML" value={draft.html} onChange={set("html")} multiline rows={12} />
      <ErrorText message={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button" onClick={showPreview} disabled={busy}>
          Preview
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => setConfirmingReset(true)}
          disabled={busy || loaded.isDefault}
        >
          Reset to default
        </button>
      </div>
      {preview && (
        <section className="card" aria-labelledby={`email-preview-${kind}`}>
          <h3 id={`email-preview-${kind}`}>Preview with sample values</h3>
          <p>
            <strong>Subject:</strong> {preview.subject}
          </p>
          <p>
            <strong>Text:</strong>
          </p>
          <pre className="email-preview-text">{preview.text}</pre>
          <iframe title="HTML preview" className="email-preview-html" sandbox="" srcDoc={preview.html} />
        </section>
      )}
      {confirmingReset && (
        <ConfirmDialog
          title={`Reset the ${label.toLowerCase()} template?`}
          confirmLabel="Reset to default"
          onConfirm={reset}
          onClose={() => setConfirmingReset(false)}
        >
          <p>Your subject, text and HTML are replaced by Gatehouse's default. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
