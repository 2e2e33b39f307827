import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/client";
import { renameTeam } from "../api/endpoints";
import type { Team } from "../api/types";
import { useOrg } from "../session/org-context";
import { Dialog } from "./dialog";
import { ErrorText } from "./error-text";

type RenameProps = {
  team: Pick<Team, "id" | "name">;
  onClose: () => void;
  onRenamed: (name: string) => void;
};

export function RenameTeamDialog({ team, onClose, onRenamed }: RenameProps) {
  const { org } = useOrg();
  const nameId = useId();
  const [name, setName] = useState(team.name);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const renamed = await renameTeam(org.id, team.id, name.trim());
      onRenamed(renamed.name);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Rename ${team.name}`} onClose={onClose}>
      <form className="form dialog-body" onSubmit={submit}>
        <div className="field">
          <label htmlFor={nameId}>Team name</label>
          <input
            id={nameId}
            className="input"
            required
            maxLength={64}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isBusy}>
            {isBusy ? "Saving…" : "Rename"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
