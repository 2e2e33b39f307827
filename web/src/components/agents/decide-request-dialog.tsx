import { type FormEvent, useState } from "react";
import { errorMessage } from "../../api/client";
import { approveAgentRequest, denyAgentRequest } from "../../api/resource-endpoints";
import type { AgentRequest } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";

type Props = {
  request: AgentRequest;
  decision: "approve" | "deny";
  onClose: () => void;
  onDecided: (request: AgentRequest) => void;
};

/** Approve (creates the personal agent, owned by the requester) or deny, with an optional note to them. */
export function DecideRequestDialog({ request, decision, onClose, onDecided }: Props) {
  const { org } = useOrg();
  const [note, setNote] = useState("");
  const [agentKey, setAgentKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const approving = decision === "approve";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const text = note.trim() || null;
    try {
      onDecided(
        approving
          ? await approveAgentRequest(org.id, request.id, {
              note: text,
              ...(agentKey.trim() && { agentKey: agentKey.trim() }),
            })
          : await denyAgentRequest(org.id, request.id, text),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`${approving ? "Approve" : "Deny"} ${request.agentName}?`}
      description={
        approving
          ? `Creates the personal agent ${request.agentKey} for ${request.requesterName}.`
          : `${request.requesterName} sees your note.`
      }
      onClose={onClose}
    >
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Note to the requester"
          optional
          multiline
          rows={3}
          maxLength={2000}
          value={note}
          onChange={setNote}
        />
        {approving && (
          <TextField
            label="Another key"
            optional
            maxLength={64}
            value={agentKey}
            onChange={setAgentKey}
            hint={`Only when ${request.agentKey} is taken.`}
          />
        )}
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={approving ? "Approve" : "Deny"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
