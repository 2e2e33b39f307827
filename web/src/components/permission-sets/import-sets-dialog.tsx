import { type FormEvent, useState } from "react";
import { importPermissionSets } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { PermissionSetImport } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";

const EXAMPLE = `{
  "marketing_team": {
    "ai_models": ["gpt-4", "claude-3"],
    "agent_creation": true,
    "file_upload_limit": "100MB"
  }
}`;

/** Paste the seed's "Custom Permission Sets" document; sets are created or updated by key. */
export function ImportSetsDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { org } = useOrg();
  const [text, setText] = useState("");
  const [result, setResult] = useState<PermissionSetImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (caught) {
      setError(`This is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await importPermissionSets(org.id, document));
      onImported();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const list = (keys: string[]) => (keys.length === 0 ? "none" : keys.join(", "));
  return (
    <Dialog
      title="Import permission sets"
      description="Paste a document of named sets as the seed writes it. Sets are matched by key: new keys are created, existing ones replaced; sets not named stay as they are."
      onClose={onClose}
      size="wide"
    >
      {result ? (
        <div className="dialog-body">
          <div className="success-text" role="status">
            <p>
              <strong>Created:</strong> {list(result.created)}
            </p>
            <p>
              <strong>Updated:</strong> {list(result.updated)}
            </p>
            <p>
              <strong>Unchanged:</strong> {list(result.unchanged)}
            </p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form dialog-body json-form" onSubmit={submit}>
          <TextField
            label="Permission sets (JSON)"
            multiline
            rows={14}
            required
            value={text}
            onChange={(value) => {
              setText(value);
              setError(null);
            }}
            placeholder={EXAMPLE}
          />
          <DialogFormActions
            error={error}
            isBusy={isBusy}
            submitLabel="Import"
            busyLabel="Importing…"
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}
