import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { listTeams, type UpdateInvitationInput, updateInvitation } from "../api/endpoints";
import type { Invitation } from "../api/types";
import type { OrgRole, TeamRole } from "../domain";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";
import { Dialog, DialogFormActions } from "./dialog";
import { OrgRoleField, TeamField, TeamRoleField } from "./role-fields";
import { TextField } from "./text-field";

type EditProps = { invitation: Invitation; onClose: () => void; onSaved: () => void };

/** "You picked the wrong role": change a pending invitation before it is accepted. */
export function EditInvitationDialog({ invitation, onClose, onSaved }: EditProps) {
  const { org, rules } = useOrg();
  const teams = useResource(rules.hasMultipleTeams ? `teams:${org.id}` : null, () => listTeams(org.id));
  const [role, setRole] = useState<OrgRole>(invitation.role);
  const [teamId, setTeamId] = useState(invitation.teamId ?? "");
  const [teamRole, setTeamRole] = useState<TeamRole>(invitation.teamRole ?? "member");
  const [department, setDepartment] = useState(invitation.department ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: UpdateInvitationInput = {};
    if (role !== invitation.role) changes.role = role;
    if (rules.hasMultipleTeams) {
      const nextTeamId = teamId || null;
      const nextTeamRole = nextTeamId ? teamRole : null;
      if (nextTeamId !== invitation.teamId || nextTeamRole !== invitation.teamRole) {
        changes.teamId = nextTeamId;
        changes.teamRole = nextTeamRole;
      }
    }
    const nextDepartment = department.trim() || null;
    if (nextDepartment !== invitation.department) changes.department = nextDepartment;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateInvitation(org.id, invitation.id, changes);
      onSaved();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Edit invitation"
      description={<p>For {invitation.email}. Changes apply when they accept.</p>}
      onClose={onClose}
      size="wide"
    >
      <form className="form dialog-body" onSubmit={submit}>
        <OrgRoleField value={role} onChange={setRole} />
        {rules.hasMultipleTeams && (
          <TeamField
            teams={teams.data?.items}
            value={teamId}
            onChange={setTeamId}
            error={teams.error ? errorMessage(teams.error) : null}
          />
        )}
        {rules.hasTeamRoles && teamId && <TeamRoleField value={teamRole} onChange={setTeamRole} />}
        <TextField label="Department" optional maxLength={64} value={department} onChange={setDepartment} />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Save changes"
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
