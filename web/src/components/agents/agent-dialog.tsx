import { type FormEvent, useState } from "react";
import { errorMessage, isApiError } from "../../api/client";
import { createAgent, updateAgent } from "../../api/resource-endpoints";
import type { Agent } from "../../api/types";
import { AGENT_SCOPES, type AgentScope } from "../../domain";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { ScopeFields } from "../scope-fields";
import { TextField } from "../text-field";

export const SCOPE_LABELS: Record<AgentScope, string> = {
  personal: "Personal",
  team: "Team",
  org: "Whole organization",
};

export type AgentDraft = { key: string; name: string; description: string | null };

type Props = {
  agent: Agent | null;
  onClose: () => void;
  onSaved: (agent: Agent) => void;
  /** Creating was refused with APPROVAL_REQUIRED: offer an agent-creation request instead. */
  onNeedsApproval: (draft: AgentDraft, message: string) => void;
};

/** Create an agent (personal, a team's, or the org's) or change one. */
export function AgentDialog({ agent, onClose, onSaved, onNeedsApproval }: Props) {
  const { org, isAdmin } = useOrg();
  const [key, setKey] = useState(agent?.key ?? "");
  const [name, setName] = useState(agent?.name ?? "");
  const [description, setDescription] = useState(agent?.description ?? "");
  const [scope, setScope] = useState<AgentScope>(agent?.scope ?? "personal");
  const [teamId, setTeamId] = useState(agent?.teamId ?? "");
  const [error, setError] = useState<string | null>(null);
  const [approval, setApproval] = useState<{ draft: AgentDraft; message: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setApproval(null);
    const input = {
      key: key.trim(),
      name: name.trim(),
      description: description.trim() || null,
      scope,
      teamId: scope === "team" ? teamId : null,
    };
    try {
      onSaved(agent ? await updateAgent(org.id, agent.id, input) : await createAgent(org.id, input));
      onClose();
    } catch (caught) {
      setBusy(false);
      if (!agent && isApiError(caught, "FORBIDDEN") && caught.details?.reason === "APPROVAL_REQUIRED") {
        setApproval({ draft: input, message: caught.message });
        return;
      }
      setError(errorMessage(caught));
    }
  };

  return (
    <Dialog title={agent ? `Edit ${agent.name}` : "New agent"} onClose={onClose}>
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Customer support bot"
        />
        <TextField
          label="Key"
          required
          maxLength={64}
          value={key}
          onChange={setKey}
          placeholder="customer_support_bot"
          hint="Names it in checks and in the sharing document."
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
          label="Belongs to"
          choices={AGENT_SCOPES.map((s) => ({
            value: s,
            label: SCOPE_LABELS[s],
            show: s !== "org" || isAdmin,
          }))}
          value={scope}
          onChange={setScope}
          teamValue="team"
          teamId={teamId}
          onTeamChange={setTeamId}
        />
        {approval && (
          <div className="panel-warning approval" role="alert">
            <p>{approval.message}</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => onNeedsApproval(approval.draft, approval.message)}
            >
              Request approval
            </button>
          </div>
        )}
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={agent ? "Save" : "Create agent"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
