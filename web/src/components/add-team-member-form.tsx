import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/client";
import { addTeamMember, listMembers } from "../api/endpoints";
import type { Member, TeamMember } from "../api/types";
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from "../domain";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";
import { ErrorText } from "./error-text";

type AddProps = {
  teamId: string;
  existing: TeamMember[];
  onAdded: (name: string, userId: string) => Promise<void>;
};

/** Reads every org member (all pages): the picker must offer anyone not yet in the team. */
async function listAllMembers(orgId: string): Promise<Member[]> {
  const all: Member[] = [];
  let cursor: string | null = null;
  do {
    const page = await listMembers(orgId, cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export function AddTeamMemberForm({ teamId, existing, onAdded }: AddProps) {
  const { org } = useOrg();
  const ids = { person: useId(), role: useId() };
  const members = useResource(`all-members:${org.id}`, () => listAllMembers(org.id));
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const inTeam = new Set(existing.map((m) => m.userId));
  const candidates = (members.data ?? []).filter((m) => !inTeam.has(m.userId));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const person = candidates.find((m) => m.userId === userId);
    if (!person) return;
    setBusy(true);
    setError(null);
    try {
      await addTeamMember(org.id, teamId, person.userId, role);
      setUserId("");
      setRole("member");
      await onAdded(person.name, person.userId);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-member" onSubmit={submit} aria-label="Add a member to the team">
      <div className="field">
        <label htmlFor={ids.person}>Add an org member</label>
        <select
          id={ids.person}
          className="select"
          required
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
        >
          <option value="">
            {candidates.length === 0 && members.data
              ? "Everyone is already in this team"
              : "Choose a person…"}
          </option>
          {candidates.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name} ({m.email})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.role}>Team role</label>
        <select
          id={ids.role}
          className="select"
          value={role}
          onChange={(event) => setRole(event.target.value as TeamRole)}
        >
          {TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {TEAM_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={isBusy || !userId}>
        Add to team
      </button>
      <ErrorText message={error ?? (members.error ? errorMessage(members.error) : null)} />
    </form>
  );
}
