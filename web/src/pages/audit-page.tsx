import { type FormEvent, useId, useState } from "react";
import {
  type AuditEvent,
  type AuditFilter,
  type AuditVerification,
  auditExportUrl,
  listAuditEvents,
  verifyAuditChain,
} from "../api/audit-email-endpoints";
import { errorMessage } from "../api/client";
import { useAnnounce } from "../components/announcer";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { formatDateTime, plural } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

/** The form's values: dates as the date inputs give them (YYYY-MM-DD, the viewer's own days). */
type FilterForm = { action: string; targetType: string; targetId: string; fromDate: string; toDate: string };

const EMPTY_FORM: FilterForm = { action: "", targetType: "", targetId: "", fromDate: "", toDate: "" };

/** The API's filter: "from" is the start of the first day, "to" (exclusive) the start of the day after the last. */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const startOf = (date: string, plusDays = 0) => {
    if (!date) return "";
    const [y, m, d] = date.split("-").map(Number);
    return new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
  };
  return {
    action: form.action,
    targetType: form.targetType,
    targetId: form.targetId,
    from: startOf(form.fromDate),
    to: startOf(form.toDate, 1),
  };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** "role: member → admin" for each field that changed; the new fields of a creation; "removed" for a removal. */
export function summariseChange(before: unknown, after: unknown): string[] {
  const lines: string[] = [];
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        lines.push(`${key}: ${show(before[key])} → ${show(after[key])}`);
      }
    }
  } else if (isRecord(after) && (before === null || before === undefined)) {
    for (const [key, value] of Object.entries(after)) lines.push(`${key}: ${show(value)}`);
  } else if (isRecord(before) && (after === null || after === undefined)) {
    lines.push(`removed (${Object.keys(before).join(", ")})`);
  } else if (before !== null || after !== null) {
    lines.push(`${show(before)} → ${show(after)}`);
  }
  if (lines.length > 4) return [...lines.slice(0, 4), `…and ${lines.length - 4} more`];
  return lines;
}

function actorOf(event: AuditEvent): string {
  const { actor } = event;
  if (actor.name && actor.email) return `${actor.name} (${actor.email})`;
  return actor.name ?? actor.email ?? (actor.apiKeyId ? `API key ${actor.apiKeyId}` : "System");
}

/**
 * Settings → Audit (admins): the org's hash-chained audit trail, newest first, filtered by action,
 * target and dates, with "Load more", exports of every matching entry, and a check of the chain.
 */
export function AuditPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [filter, setFilter] = useState<AuditFilter>(() => toAuditFilter(EMPTY_FORM));
  const [more, setMore] = useState<{ items: AuditEvent[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const key = isAdmin ? `audit-events:${org.id}:${JSON.stringify(filter)}` : null;
  const first = useResource(key, () => listAuditEvents(org.id, filter, null));
  const ids = {
    action: useId(),
    targetType: useId(),
    targetId: useId(),
    from: useId(),
    to: useId(),
  };

  if (!isAdmin) {
    return (
      <SettingsLayout>
        <PageHeader title="Audit" />
        <p className="panel">Only admins can read the audit trail.</p>
      </SettingsLayout>
    );
  }

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const set = (field: keyof FilterForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (form.fromDate && form.toDate && form.fromDate > form.toDate) {
      setError("The From date is after the To date: pick a From date on or before the To date.");
      return;
    }
    setError(null);
    setMore(null);
    setFilter(toAuditFilter(form));
  };
  const clear = () => {
    setError(null);
    setMore(null);
    setForm(EMPTY_FORM);
    setFilter(toAuditFilter(EMPTY_FORM));
  };
  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await listAuditEvents(org.id, filter, nextCursor);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
      announce(`${plural(page.items.length, "more entry", "more entries")} loaded.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const verify = async () => {
    setVerifying(true);
    setError(null);
    setVerification(null);
    try {
      setVerification(await verifyAuditChain(org.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <SettingsLayout>
      <div className="stack">
        <PageHeader
          title="Audit"
          help="Every change to people, roles, invitations and settings, newest first. Entries are hash-chained: editing, removing or reordering one breaks the chain, which Verify chain finds."
        >
          <button type="button" className="button" onClick={verify} disabled={verifying}>
            {verifying ? "Verifying…" : "Verify chain"}
          </button>
        </PageHeader>
        {verification && (
          <div
            className={verification.ok ? "success-text" : "panel panel-warning"}
            role={verification.ok ? "status" : "alert"}
          >
            {verification.ok ? (
              <p>
                Chain OK: {plural(verification.entries, "entry", "entries")} verified, none edited, removed or
                reordered.
              </p>
            ) : (
              <p>
                Chain broken at entry {verification.problem?.seq}: {verification.problem?.message}
              </p>
            )}
          </div>
        )}
        <ErrorText message={error ?? (first.error ? errorMessage(first.error) : null)} />
        <section className="card" aria-labelledby="audit-filter-title">
          <h2 id="audit-filter-title">Filter</h2>
          <form onSubmit={apply} className="form">
            <div className="audit-filters">
              <div className="field">
                <label htmlFor={ids.action}>Action</label>
                <input
                  id={ids.action}
                  className="input"
                  value={form.action}
                  placeholder="invitation.created, member.removed"
                  onChange={(e) => set("action")(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.targetType}>Target type</label>
                <input
                  id={ids.targetType}
                  className="input"
                  value={form.targetType}
                  placeholder="invitation"
                  onChange={(e) => set("targetType")(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.targetId}>Target ID</label>
                <input
                  id={ids.targetId}
                  className="input"
                  value={form.targetId}
                  onChange={(e) => set("targetId")(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.from}>From</label>
                <input
                  id={ids.from}
                  type="date"
                  className="input"
                  value={form.fromDate}
                  onChange={(e) => set("fromDate")(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.to}>To (inclusive)</label>
                <input
                  id={ids.to}
                  type="date"
                  className="input"
                  value={form.toDate}
                  onChange={(e) => set("toDate")(e.target.value)}
                />
              </div>
            </div>
            <div className="button-row">
              <button type="submit" className="button button-primary">
                Apply filters
              </button>
              <button type="button" className="button" onClick={clear}>
                Clear
              </button>
              <a className="button" href={auditExportUrl(org.id, filter, "csv")} download>
                Export CSV
              </a>
              <a className="button" href={auditExportUrl(org.id, filter, "jsonl")} download>
                Export JSON lines
              </a>
            </div>
          </form>
        </section>
        <section className="card" aria-labelledby="audit-entries-title">
          <h2 id="audit-entries-title">Entries</h2>
          {first.isLoading && !first.data && <Loading />}
          {first.data && items.length === 0 && <p className="empty">No audit entries match these filters.</p>}
          {items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Source</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Before → after</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((event) => (
                    <tr key={event.id}>
                      <td className="nowrap">{formatDateTime(event.createdAt)}</td>
                      <td>{actorOf(event)}</td>
                      <td>{event.source}</td>
                      <td>
                        <code>{event.action}</code>
                      </td>
                      <td>
                        <span className="cell-title">{event.target.type}</span>
                        <code className="cell-sub">{event.target.id}</code>
                      </td>
                      <td>
                        {summariseChange(event.before, event.after).map((line) => (
                          <div key={line} className="audit-change">
                            {line}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {nextCursor && (
            <div className="button-row">
              <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </section>
      </div>
    </SettingsLayout>
  );
}
