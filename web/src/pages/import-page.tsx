import { useState } from "react";
import { errorMessage } from "../api/client";
import {
  IMPORT_OUTCOMES,
  type ImportOutcome,
  type ImportRowItem,
  type ImportRun,
  importRowsCsvUrl,
  listImportRows,
  uploadImport,
} from "../api/import-endpoints";
import { ErrorText } from "../components/error-text";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { useOrg } from "../session/org-context";

const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  invited: "Invited",
  already_member: "Already a member",
  already_invited: "Already invited",
  duplicate_in_file: "Duplicate in file",
  invalid: "Invalid",
};

/** A key per chosen file: retrying the same upload resumes or returns it instead of importing twice. */
async function keyOf(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Settings → Users → Import CSV: dry-run preview by outcome, then the real run and its full report. */
export function ImportPage() {
  const { org } = useOrg();
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [rows, setRows] = useState<ImportRowItem[]>([]);
  const [filter, setFilter] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const showRows = async (result: ImportRun, outcome: ImportOutcome | null) => {
    setFilter(outcome);
    const page = await listImportRows(org.id, result.id, outcome);
    setRows(page.items);
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadImport(org.id, file, dryRun, await keyOf(file));
      setRun(result);
      await showRows(result, null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Import invitations"
        help="Upload a CSV with the header email,role,department,message or email,first_name,last_name,role,department,manager_email. Preview first: nothing is written but the report."
      />
      <div className="stack">
        <section className="card" aria-labelledby="import-file-title">
          <h2 id="import-file-title">CSV file</h2>
          <label className="field">
            <span>File</span>
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setRun(null);
                setRows([]);
              }}
            />
          </label>
          <ErrorText message={error} />
          <div className="button-row">
            <button type="button" className="button" disabled={!file || busy} onClick={() => start(true)}>
              Preview (dry run)
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!file || busy || run?.dryRun !== true}
              onClick={() => start(false)}
            >
              Import
            </button>
          </div>
          {busy && <p className="muted">Working… large files take a few seconds per 10,000 rows.</p>}
        </section>
        {run && (
          <section className="card" aria-labelledby="import-result-title">
            <h2 id="import-result-title">
              {run.dryRun ? "Preview: what would happen" : "Result"} ({run.totalRows} rows)
            </h2>
            <fieldset className="button-row" aria-label="Filter rows by outcome">
              <button
                type="button"
                className="button"
                aria-pressed={filter === null}
                onClick={() => showRows(run, null)}
              >
                All {run.totalRows}
              </button>
              {IMPORT_OUTCOMES.map((outcome) => (
                <button
                  key={outcome}
                  type="button"
                  className="button"
                  aria-pressed={filter === outcome}
                  onClick={() => showRows(run, outcome)}
                >
                  {OUTCOME_LABELS[outcome]} {run.counts[outcome]}
                </button>
              ))}
              <a className="button" href={importRowsCsvUrl(org.id, run.id)} download>
                Download rows.csv
              </a>
            </fieldset>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Email</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.email}</td>
                      <td>{OUTCOME_LABELS[row.outcome]}</td>
                      <td className="muted">{row.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rows.length === 500 && (
              <p className="muted">The first 500 rows are shown; the download has every row.</p>
            )}
          </section>
        )}
      </div>
    </SettingsLayout>
  );
}
