import type { MassUpdateResult } from "../../api/types";
import { ORG_ROLE_LABELS } from "../../domain";
import { plural } from "../../lib/format";
import { UnmatchedNote } from "../unmatched-note";

type Change = MassUpdateResult["people"][number]["changes"][number];

const FIELD_WORDS: Record<string, string> = {
  aiModels: "AI models",
  integrations: "Integrations",
  knowledgeBaseAccess: "Knowledge bases",
  fileUploadLimit: "Upload limit",
  agentCreation: "Agent creation",
  canUpload: "Uploads",
};

function shown(value: unknown): string {
  if (value === null || value === undefined) return "not set";
  if (value === "all") return "all";
  if (value === "default") return "the defaults";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}

function ChangeLine({ change }: { change: Change }) {
  const lists = change.added !== undefined || change.removed !== undefined;
  return (
    <li>
      <strong>{FIELD_WORDS[change.field] ?? change.field}:</strong>{" "}
      {lists ? (
        <>
          {change.added?.length ? <span className="added">added {change.added.join(", ")}</span> : null}
          {change.added?.length && change.removed?.length ? "; " : null}
          {change.removed?.length ? (
            <span className="removed">removed {change.removed.join(", ")}</span>
          ) : null}
          <span className="cell-sub">
            {shown(change.before)} → {shown(change.after)}
          </span>
        </>
      ) : (
        <>
          {shown(change.before)} → {shown(change.after)}
        </>
      )}
    </li>
  );
}

/** What a mass update would do (a dry run) or did: every matched person with their changes and notes. */
export function MassUpdateResultView({ result }: { result: MassUpdateResult }) {
  return (
    <section className="card" aria-labelledby="mass-result-title">
      <h2 id="mass-result-title">{result.applied ? "Applied" : "Preview (dry run)"}</h2>
      <p className={result.applied ? "success-text" : "note"} role="status">
        {plural(result.matched, "person", "people")} matched ·{" "}
        {result.applied
          ? `access changed for ${plural(result.changed, "person", "people")} · ${plural(result.written, "personal set")} written.`
          : `access would change for ${plural(result.changed, "person", "people")} · ${plural(result.written, "personal set")} would be written. Nothing is saved until you apply.`}
      </p>
      <UnmatchedNote unmatched={result.unmatched} written />
      {result.people.length === 0 ? (
        <p className="empty">Nobody matches this filter.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">What changes</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {result.people.map((person) => (
                <tr key={person.userId}>
                  <td>
                    <span className="cell-title">{person.name}</span>
                    {person.department && <span className="cell-sub">{person.department}</span>}
                  </td>
                  <td>{ORG_ROLE_LABELS[person.role]}</td>
                  <td>
                    {person.unchanged ? (
                      <span className="muted">Nothing: they already have this</span>
                    ) : (
                      <ul className="changes-list">
                        {person.changes.map((change) => (
                          <ChangeLine key={change.field} change={change} />
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {person.notes.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="changes-list">
                        {person.notes.map((note) => (
                          <li key={note}>{note}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
