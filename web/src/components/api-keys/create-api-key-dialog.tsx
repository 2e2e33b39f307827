import { type FormEvent, useId, useState } from "react";
import { createApiKey, getCapabilities } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { CreatedApiKey } from "../../api/types";
import { useDirectory } from "../../lib/use-directory";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../session/org-context";
import { MultiPicker } from "../chips";
import { CopyLink } from "../copy-link";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";

/** A personal key (acts as you) or a team key (acts as the team); the secret is shown once, here. */
export function CreateApiKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { org, isAdmin, membership } = useOrg();
  const directory = useDirectory();
  const capabilities = useResource("capabilities", getCapabilities);
  const ids = { kind: useId(), team: useId() };
  const [kind, setKind] = useState<"personal" | "team">("personal");
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const teams = isAdmin
    ? directory.teams.map((t) => ({ id: t.id, name: t.name }))
    : membership.teams.filter((t) => t.role !== "member").map((t) => ({ id: t.teamId, name: t.name }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await createApiKey(org.id, {
        kind,
        name: name.trim(),
        teamId: kind === "team" ? teamId : null,
        scopes: scopes.length > 0 ? scopes : null,
        expiresInDays: days.trim() ? Number(days) : null,
      });
      setCreated(result);
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Dialog title="Your new API key" onClose={onClose} size="wide">
        <div className="dialog-body">
          <p className="panel-warning" role="alert">
            <strong>Copy it now:</strong> this is the only time Gatehouse shows the key. Only its prefix,{" "}
            <code>{created.apiKey.prefix}</code>, stays in view. If you lose the key, revoke it and create
            another.
          </p>
          <CopyLink url={created.secret} label="API key" autoFocus />
          <p className="hint">
            Send it as <code>Authorization: Bearer …</code> to the decision API.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="New API key" onClose={onClose} size="wide">
      <form className="form dialog-body" onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Acts as</legend>
          <div className="choices">
            <label className="choice">
              <input
                type="radio"
                name={ids.kind}
                checked={kind === "personal"}
                onChange={() => setKind("personal")}
              />
              <span>
                <span className="choice-label">You (personal key)</span>
                <span className="choice-hint">
                  Never more than you may do; stops working if you leave or are demoted.
                </span>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name={ids.kind}
                checked={kind === "team"}
                onChange={() => setKind("team")}
                disabled={teams.length === 0}
              />
              <span>
                <span className="choice-label">A team (team key)</span>
                <span className="choice-hint">
                  {teams.length === 0
                    ? "For admins and owners of a team: you administer none."
                    : "Acts as a member of the team; survives people leaving."}
                </span>
              </span>
            </label>
          </div>
        </fieldset>
        {kind === "team" && (
          <div className="field">
            <label htmlFor={ids.team}>Team</label>
            <select
              id={ids.team}
              className="select"
              required
              value={teamId}
              onChange={(e) => setTeamId(e.target.value)}
            >
              <option value="">Choose a team…</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Support backend"
        />
        <MultiPicker
          label="Scopes (optional)"
          prompt="Add an action…"
          options={(capabilities.data?.items ?? []).map((c) => ({ value: c.action, label: c.action }))}
          values={scopes}
          onChange={setScopes}
          hint="Limit the key to these actions. None: everything its holder may do."
        />
        <TextField
          label="Expires after (days)"
          narrow
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={setDays}
          hint="Optional. Empty: never."
        />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Create key"
          busyLabel="Creating…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
