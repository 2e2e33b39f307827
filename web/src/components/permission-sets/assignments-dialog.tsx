import { type FormEvent, useState } from "react";
import { setAssignments } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { PermissionSet, PermissionSetAssignments } from "../../api/types";
import { useDirectory } from "../../lib/use-directory";
import { useOrg } from "../../session/org-context";
import { ChipsField, MultiPicker } from "../chips";
import { Dialog, DialogFormActions } from "../dialog";

type Props = {
  set: PermissionSet;
  onClose: () => void;
  onSaved: (assignments: PermissionSetAssignments) => void;
};

/** Who a set applies to: departments (free labels), teams and people. Replaces the whole list. */
export function AssignmentsDialog({ set, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const directory = useDirectory();
  const [departments, setDepartments] = useState(set.assignments.departments);
  const [teamIds, setTeamIds] = useState(set.assignments.teamIds);
  const [userIds, setUserIds] = useState(set.assignments.userIds);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await setAssignments(org.id, set.id, { departments, teamIds, userIds }));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Assign ${set.key}`}
      description="The set applies to everyone in these departments and teams, and to these people. It takes effect at the next check."
      onClose={onClose}
      size="wide"
    >
      <form className="form dialog-body" onSubmit={submit}>
        <ChipsField
          label="Departments"
          values={departments}
          onChange={setDepartments}
          placeholder="marketing"
          hint="Department labels as on people's profiles; case does not matter. Press Enter after each."
          suggestions={[...new Set(directory.people.flatMap((p) => (p.department ? [p.department] : [])))]}
        />
        <MultiPicker
          label="Teams"
          prompt="Add a team…"
          options={directory.teamOptions}
          values={teamIds}
          onChange={setTeamIds}
        />
        <MultiPicker
          label="People"
          prompt="Add a person…"
          options={directory.peopleOptions}
          values={userIds}
          onChange={setUserIds}
        />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Save assignments"
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
