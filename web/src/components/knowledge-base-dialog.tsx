import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { createKnowledgeBase } from "../api/resource-endpoints";
import type { KnowledgeBase } from "../api/types";
import type { KnowledgeBaseVisibility } from "../domain";
import { useOrg } from "../session/org-context";
import { Dialog, DialogFormActions } from "./dialog";
import { ScopeFields } from "./scope-fields";
import { TextField } from "./text-field";

export const VISIBILITY_LABELS: Record<KnowledgeBaseVisibility, string> = {
  personal: "Personal (only you)",
  team: "A team",
  department: "A department",
  public: "Public (everyone)",
};

/** A new knowledge base: personal for anyone but a viewer; public, department or team ones for admins. */
export function KnowledgeBaseDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (kb: KnowledgeBase) => void;
}) {
  const { org, isAdmin } = useOrg();
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<KnowledgeBaseVisibility>("personal");
  const [department, setDepartment] = useState("");
  const [teamId, setTeamId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await createKnowledgeBase(org.id, {
          key: key.trim(),
          name: name.trim(),
          visibility,
          department: visibility === "department" ? department.trim() : null,
          teamId: visibility === "team" ? teamId : null,
        }),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New knowledge base" onClose={onClose}>
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Marketing playbooks"
        />
        <TextField
          label="Key"
          required
          maxLength={64}
          value={key}
          onChange={setKey}
          placeholder="marketing"
          hint="What permission sets' knowledge_base_access lists."
        />
        <ScopeFields
          label="Who may read it"
          choices={(["personal", "team", "department", "public"] as const).map((v) => ({
            value: v,
            label: VISIBILITY_LABELS[v],
            show: v === "personal" || isAdmin,
          }))}
          value={visibility}
          onChange={setVisibility}
          teamValue="team"
          teamId={teamId}
          onTeamChange={setTeamId}
        />
        {visibility === "department" && (
          <TextField
            label="Department"
            required
            maxLength={64}
            value={department}
            onChange={setDepartment}
            placeholder="marketing"
          />
        )}
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Create"
          busyLabel="Creating…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
