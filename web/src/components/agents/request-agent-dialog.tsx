import { type FormEvent, useState } from "react";
import { errorMessage } from "../../api/client";
import { createAgentRequest } from "../../api/resource-endpoints";
import type { AgentRequest } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";
import type { AgentDraft } from "./agent-dialog";

type Props = {
  draft: AgentDraft | null;
  /** Why creating it directly was refused, as the server said it. */
  reason?: string;
  onClose: () => void;
  onFiled: (request: AgentRequest) => void;
};

/** Ask an admin for a personal agent (a permission set says `agent_creation: "admin_approval"`). */
export function RequestAgentDialog({ draft, reason, onClose, onFiled }: Props) {
  const { org } = useOrg();
  const [key, setKey] = useState(draft?.key ?? "");
  const [name, setName] = useState(draft?.name ?? "");
  const [description, setDescription] = useState(draft?.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onFiled(
        await createAgentRequest(org.id, {
          agentKey: key.trim(),
          agentName: name.trim(),
          description: description.trim() || null,
        }),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Request approval"
      description={
        <>
          {reason && <p className="note">{reason}</p>}
          <p>An admin approves or denies the request; once approved, the agent is created for you.</p>
        </>
      }
      onClose={onClose}
    >
      <form className="form dialog-body" onSubmit={submit}>
        <TextField label="Agent name" required maxLength={100} value={name} onChange={setName} />
        <TextField label="Agent key" required maxLength={64} value={key} onChange={setKey} />
        <TextField
          label="What it is for"
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
          submitLabel="Send request"
          busyLabel="Sending…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
