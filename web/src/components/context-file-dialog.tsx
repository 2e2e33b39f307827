import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { createContextFile } from "../api/resource-endpoints";
import type { ContextFile } from "../api/types";
import type { AgentScope } from "../domain";
import { useOrg } from "../session/org-context";
import { Dialog, DialogFormActions } from "./dialog";
import { ScopeFields } from "./scope-fields";
import { TextField } from "./text-field";

export const FILE_SCOPE_LABELS: Record<AgentScope, string> = {
  personal: "Personal",
  team: "Team",
  org: "Organization",
};

/** A new context file: personal for a User, team-scoped for that team's admins and owners, org-scoped for admins. */
export function ContextFileDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (file: ContextFile) => void;
}) {
  const { org, isAdmin, membership } = useOrg();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [scope, setScope] = useState<AgentScope>("personal");
  const [teamId, setTeamId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const adminsATeam = membership.teams.some((t) => t.role !== "member");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await createContextFile(org.id, {
          name: name.trim(),
          description: description.trim() || null,
          scope,
          teamId: scope === "team" ? teamId : null,
        }),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New context file" onClose={onClose}>
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Brand guidelines"
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
        <ScopeFields
          label="Scope"
          choices={[
            { value: "personal", label: FILE_SCOPE_LABELS.personal, show: true },
            { value: "team", label: FILE_SCOPE_LABELS.team, show: isAdmin || adminsATeam },
            { value: "org", label: FILE_SCOPE_LABELS.org, show: isAdmin },
          ]}
          value={scope}
          onChange={setScope}
          teamValue="team"
          teamId={teamId}
          onTeamChange={setTeamId}
        />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Add file"
          busyLabel="Adding…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
