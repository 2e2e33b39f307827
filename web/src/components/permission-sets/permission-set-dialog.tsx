import { type FormEvent, useState } from "react";
import { createPermissionSet, updatePermissionSet } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { PermissionSet } from "../../api/types";
import { useCatalog } from "../../lib/use-catalog";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";
import { RuleFields, ruleFormOf, rulesOf } from "./rule-fields";

type Props = { set: PermissionSet | null; onClose: () => void; onSaved: (set: PermissionSet) => void };

/** Create a permission set, or change one: key, name, description and each rule of the seed's format. */
export function PermissionSetDialog({ set, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const catalog = useCatalog();
  const [key, setKey] = useState(set?.key ?? "");
  const [name, setName] = useState(set?.name ?? "");
  const [description, setDescription] = useState(set?.description ?? "");
  const [rules, setRules] = useState(ruleFormOf(set?.rules));
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input = {
      key: key.trim(),
      name: name.trim(),
      description: description.trim() || null,
      rules: rulesOf(rules),
    };
    try {
      onSaved(
        set ? await updatePermissionSet(org.id, set.id, input) : await createPermissionSet(org.id, input),
      );
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={set ? `Edit ${set.key}` : "New permission set"}
      description="A field left alone is not governed by this set: the role's default applies, unless another set of the person's says otherwise."
      onClose={onClose}
      size="wide"
    >
      <form className="form dialog-body" onSubmit={submit}>
        <div className="field-row field-row-even">
          <TextField
            label="Key"
            required
            maxLength={64}
            value={key}
            onChange={setKey}
            placeholder="marketing_team"
            hint="As in the seed's JSON: lower-case letters, digits, _ - ."
          />
          <TextField
            label="Name"
            required
            maxLength={100}
            value={name}
            onChange={setName}
            placeholder="Marketing team"
          />
        </div>
        <TextField
          label="Description"
          optional
          maxLength={500}
          value={description}
          onChange={setDescription}
        />
        <RuleFields form={rules} onChange={setRules} suggestions={catalog.keys} />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={set ? "Save" : "Create set"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
