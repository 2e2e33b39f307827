import { type FormEvent, useState } from "react";
import { errorMessage } from "../../api/client";
import { createIntegration, updateIntegration } from "../../api/resource-endpoints";
import type { Integration } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { ChipsField } from "../chips";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";

type Props = {
  integration: Integration | null;
  onClose: () => void;
  onSaved: (integration: Integration) => void;
};

/** Add an integration to the catalog, or change one: key, name, named data scopes, on or off. */
export function IntegrationDialog({ integration, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const [key, setKey] = useState(integration?.key ?? "");
  const [name, setName] = useState(integration?.name ?? "");
  const [dataScopes, setDataScopes] = useState(integration?.dataScopes ?? []);
  const [enabled, setEnabled] = useState(integration?.enabled ?? true);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input = { key: key.trim(), name: name.trim(), dataScopes, enabled };
    try {
      onSaved(
        integration
          ? await updateIntegration(org.id, integration.id, input)
          : await createIntegration(org.id, input),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title={integration ? `Edit ${integration.name}` : "New integration"} onClose={onClose}>
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Salesforce"
        />
        <TextField
          label="Key"
          required
          maxLength={64}
          value={key}
          onChange={setKey}
          placeholder="salesforce"
        />
        <ChipsField
          label="Data scopes"
          optional
          values={dataScopes}
          onChange={setDataScopes}
          placeholder="read_leads"
          hint="What a team may be given, e.g. read_leads, read_customers. full_access always exists besides them."
        />
        <label className="toggle">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          Enabled (turned off, nobody may use it, admins included)
        </label>
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={integration ? "Save" : "Add integration"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
