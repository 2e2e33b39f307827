import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { renameTeam } from "../api/endpoints";
import type { Team } from "../api/types";
import { useOrg } from "../session/org-context";
import { Dialog, DialogFormActions } from "./dialog";
import { TextField } from "./text-field";

type RenameProps = {
  team: Pick<Team, "id" | "name">;
  onClose: () => void;
  onRenamed: (name: string) => void;
};

export function RenameTeamDialog({ team, onClose, onRenamed }: RenameProps) {
  const { org } = useOrg();
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
        <TextField label="Team name" required maxLength={64} value={name} onChange={setName} />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Rename"
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
