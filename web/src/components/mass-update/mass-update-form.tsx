import { type FormEvent, useId, useState } from "react";
import type { MassUpdateInput } from "../../api/types";
import { ORG_ROLE_CHOICES, ORG_ROLE_LABELS, type OrgRole } from "../../domain";
import { useDirectory } from "../../lib/use-directory";
import { ErrorText } from "../error-text";
import { TextField } from "../text-field";
import { ChangesFields, type ChangesForm, changesOf, NO_CHANGES } from "./changes-fields";

type Props = {
  isBusy: boolean;
  error: string | null;
  onPreview: (input: MassUpdateInput) => void;
  /** The form changed since the last preview: that preview no longer says what Apply would do. */
  onEdited: () => void;
};

/** The seed's bulk permission update: a filter and changes, filled in or pasted as JSON. */
export function MassUpdateForm({ isBusy, error, onPreview, onEdited }: Props) {
  const directory = useDirectory();
  const ids = { mode: useId(), role: useId(), team: useId() };
  const [mode, setMode] = useState<"form" | "json">("form");
  const [department, setDepartment] = useState("");
  const [role, setRole] = useState<OrgRole | "">("");
  const [team, setTeam] = useState("");
  const [changes, setChanges] = useState<ChangesForm>(NO_CHANGES);
  const [json, setJson] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const edited =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      onEdited();
    };

  const fromForm = (): MassUpdateInput => ({
    operation: "update_permissions",
    filter: {
      ...(department.trim() && { department: department.trim() }),
      ...(role && { role }),
      ...(team && { team }),
    },
    changes: changesOf(changes),
  });

  const switchMode = (next: "form" | "json") => {
    if (next === "json" && !json.trim()) setJson(JSON.stringify(fromForm(), null, 2));
    setMode(next);
    onEdited();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setJsonError(null);
    if (mode === "form") return onPreview(fromForm());
    try {
      onPreview(JSON.parse(json) as MassUpdateInput);
    } catch (caught) {
      setJsonError(`This is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };

  return (
    <form className="form card" onSubmit={submit} aria-label="Mass permission update">
      <fieldset className="fieldset">
        <legend>Write it as</legend>
        <div className="choices choices-row choices-two">
          <label className="choice">
            <input
              type="radio"
              name={ids.mode}
              checked={mode === "form"}
              onChange={() => switchMode("form")}
            />
            <span className="choice-label">A filter and changes</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={ids.mode}
              checked={mode === "json"}
              onChange={() => switchMode("json")}
            />
            <span className="choice-label">The seed's JSON</span>
          </label>
        </div>
      </fieldset>
      {mode === "json" ? (
        <div className="json-form">
          <TextField
            label="Bulk permission update (JSON)"
            multiline
            rows={14}
            required
            value={json}
            onChange={edited(setJson)}
            hint='{"operation": "update_permissions", "filter": {...}, "changes": {...}}'
          />
        </div>
      ) : (
        <>
          <fieldset className="fieldset form-group">
            <legend>Filter: who it applies to (all optional; empty means everyone)</legend>
            <div className="field-row field-row-three">
              <TextField
                label="Department"
                value={department}
                onChange={edited(setDepartment)}
                placeholder="marketing"
              />
              <div className="field">
                <label htmlFor={ids.role}>Role</label>
                <select
                  id={ids.role}
                  className="select"
                  value={role}
                  onChange={(e) => edited(setRole)(e.target.value as OrgRole | "")}
                >
                  <option value="">Any role</option>
                  {ORG_ROLE_CHOICES.map((r) => (
                    <option key={r} value={r}>
                      {ORG_ROLE_LABELS[r]} ({r})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.team}>Team</label>
                <select
                  id={ids.team}
                  className="select"
                  value={team}
                  onChange={(e) => edited(setTeam)(e.target.value)}
                >
                  <option value="">Any team</option>
                  {directory.teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
          <ChangesFields form={changes} onChange={edited(setChanges)} />
        </>
      )}
      <ErrorText message={jsonError ?? error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? "Working…" : "Preview"}
        </button>
        <span className="hint">A dry run: lists everyone whose access would change, and writes nothing.</span>
      </div>
    </form>
  );
}
