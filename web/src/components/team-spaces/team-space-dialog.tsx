import { type FormEvent, useState } from "react";
import { errorMessage } from "../../api/client";
import { createTeamSpace, updateTeamSpace } from "../../api/resource-endpoints";
import type { TeamSpace, TeamSpaceDetail } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";

type Props = { space: TeamSpace | null; onClose: () => void; onSaved: (space: TeamSpaceDetail) => void };

/** Create a team space, or rename and describe one. */
export function TeamSpaceDialog({ space, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const [key, setKey] = useState(space?.key ?? "");
  const [name, setName] = useState(space?.name ?? "");
  const [description, setDescription] = useState(space?.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input = { key: key.trim(), name: name.trim(), description: description.trim() || null };
    try {
      onSaved(space ? await updateTeamSpace(org.id, space.id, input) : await createTeamSpace(org.id, input));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={space ? `Rename ${space.name}` : "New team space"}
      description={space ? undefined : "No team has access until you set it on the space's page."}
      onClose={onClose}
    >
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Marketing Team Space"
        />
        <TextField
          label="Key"
          required
          maxLength={64}
          value={key}
          onChange={setKey}
          placeholder="marketing_space"
          hint="Names it in checks."
        />
        <TextField
          label="Description"
          optional
          multiline
          rows={3}
          maxLength={2000}
          value={description}
          onChange={setDescription}
        />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={space ? "Save" : "Create space"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
