import { type FormEvent, useEffect, useState } from "react";
import { ApiError, errorMessage } from "../api/client";
import { getSharing, putSharing } from "../api/resource-endpoints";
import type { SharingDocument } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { TextField } from "../components/text-field";
import { MISSING_NAMES_HINT } from "../domain";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

type Failure = { message: string; problems: string[]; namesMissing: boolean };

function failureOf(caught: unknown): Failure {
  const details = caught instanceof ApiError ? caught.details : undefined;
  const problems = details?.problems;
  // details.unknown: the agents, integrations and teams the document names that the org does not have.
  const unknown = (details?.unknown ?? {}) as Record<string, unknown>;
  const namesMissing = ["agents", "integrations", "teams"].some(
    (kind) => Array.isArray(unknown[kind]) && (unknown[kind] as unknown[]).length > 0,
  );
  return {
    message: errorMessage(caught),
    problems: Array.isArray(problems) ? problems.map(String) : [],
    namesMissing,
  };
}

/** Settings → Sharing: the seed's "Resource Sharing Configuration" document, read and applied whole. */
export function SharingPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const sharing = useResource(`sharing:${org.id}`, () => getSharing(org.id));
  const [text, setText] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    if (sharing.data) setText(JSON.stringify(sharing.data, null, 2));
  }, [sharing.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (caught) {
      setFailure({
        message: `This is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`,
        problems: [],
        namesMissing: false,
      });
      return;
    }
    setBusy(true);
    try {
      const saved = await putSharing(org.id, document);
      sharing.setData(() => saved);
      announce("Sharing document applied.");
    } catch (caught) {
      setFailure(failureOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Sharing"
        help="Which teams each agent and integration is shared with, in the seed's format. Agents and integrations by key, teams by name. Each resource named gets exactly its access list; those not named keep theirs."
      />
      <div className="grid-2 grid-top">
        <section className="card" aria-labelledby="sharing-doc-title">
          <h2 id="sharing-doc-title">Document</h2>
          {sharing.isLoading && !sharing.data && <Loading />}
          <ErrorText message={sharing.error ? errorMessage(sharing.error) : null} />
          {sharing.data && (
            <form className="form json-form" onSubmit={submit}>
              <TextField
                label="Sharing document (JSON)"
                multiline
                rows={20}
                value={text}
                onChange={isAdmin ? setText : undefined}
                readOnly={!isAdmin}
                hint={isAdmin ? undefined : "Admins apply changes; you see the agents you may see."}
              />
              {failure && (
                <div className="error-text" role="alert">
                  {failure.problems.length === 0 ? (
                    failure.message
                  ) : (
                    <>
                      <p>The sharing document was not applied, and nothing changed:</p>
                      <ul>
                        {failure.problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                      {failure.namesMissing && <p>{MISSING_NAMES_HINT}</p>}
                    </>
                  )}
                </div>
              )}
              {isAdmin && (
                <div className="button-row">
                  <button type="submit" className="button button-primary" disabled={isBusy}>
                    {isBusy ? "Applying…" : "Apply document"}
                  </button>
                  <button type="button" className="button" onClick={() => sharing.reload()}>
                    Reload
                  </button>
                </div>
              )}
            </form>
          )}
        </section>
        {sharing.data && <SharingSummary document={sharing.data} />}
      </div>
    </SettingsLayout>
  );
}

/** The document in words: each shared resource with its teams. */
function SharingSummary({ document }: { document: SharingDocument }) {
  const agents = Object.entries(document.shared_agents);
  const integrations = Object.entries(document.shared_integrations);
  return (
    <section className="card" aria-labelledby="sharing-summary-title">
      <h2 id="sharing-summary-title">In effect</h2>
      <h3 className="subhead">Agents</h3>
      {agents.length === 0 ? (
        <p className="empty">No agent is shared.</p>
      ) : (
        <ul className="summary-list">
          {agents.map(([key, entry]) => (
            <li key={key}>
              <code>{key}</code>:{" "}
              {entry.access.map((team) => `${team} (${entry.permissions[team] ?? "?"})`).join(", ")}
            </li>
          ))}
        </ul>
      )}
      <h3 className="subhead">Integrations</h3>
      {integrations.length === 0 ? (
        <p className="empty">No integration is shared.</p>
      ) : (
        <ul className="summary-list">
          {integrations.map(([key, entry]) => (
            <li key={key}>
              <code>{key}</code>:{" "}
              {entry.access.map((team) => `${team} (${entry.data_scope[team] ?? "?"})`).join(", ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
