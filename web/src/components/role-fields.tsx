import { useId } from "react";
import type { Team } from "../api/types";
import {
  ORG_ROLE_CHOICES,
  ORG_ROLE_DESCRIPTIONS,
  ORG_ROLE_LABELS,
  type OrgRole,
  TEAM_ROLE_DESCRIPTIONS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  type TeamRole,
} from "../domain";

/** Org role as radios, each with the seed's description of what it allows. */
export function OrgRoleField({ value, onChange }: { value: OrgRole; onChange: (role: OrgRole) => void }) {
  const name = useId();
  return (
    <fieldset className="fieldset">
      <legend>Org role</legend>
      <div className="choices">
        {ORG_ROLE_CHOICES.map((role) => (
          <label key={role} className="choice">
            <input
              type="radio"
              name={name}
              value={role}
              checked={value === role}
              onChange={() => onChange(role)}
              aria-describedby={`${name}-${role}`}
            />
            <span>
              <span className="choice-label">{ORG_ROLE_LABELS[role]}</span>
              <span className="choice-hint" id={`${name}-${role}`}>
                {ORG_ROLE_DESCRIPTIONS[role]}
              </span>
            </span>
          </label>
        ))}
      </div>
      <p className="tip">
        <strong>Tip:</strong> When in doubt, pick User. You can promote someone to Admin later.
      </p>
    </fieldset>
  );
}

/** Team role (Business and Enterprise): Member, Admin, Owner with their descriptions. */
export function TeamRoleField({ value, onChange }: { value: TeamRole; onChange: (role: TeamRole) => void }) {
  const name = useId();
  return (
    <fieldset className="fieldset">
      <legend>Team role</legend>
      <div className="choices choices-row">
        {TEAM_ROLES.map((role) => (
          <label key={role} className="choice">
            <input
              type="radio"
              name={name}
              value={role}
              checked={value === role}
              onChange={() => onChange(role)}
              aria-describedby={`${name}-${role}`}
            />
            <span>
              <span className="choice-label">{TEAM_ROLE_LABELS[role]}</span>
              <span className="choice-hint" id={`${name}-${role}`}>
                {TEAM_ROLE_DESCRIPTIONS[role]}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type TeamFieldProps = {
  teams: Team[] | undefined;
  value: string;
  onChange: (teamId: string) => void;
  error?: string | null;
};

/** Team picker (Business and Enterprise); empty means the default team. */
export function TeamField({ teams, value, onChange, error }: TeamFieldProps) {
  const id = useId();
  const defaultTeam = teams?.find((team) => team.isDefault);
  return (
    <div className="field">
      <label htmlFor={id}>Team</label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
        disabled={!teams}
      >
        <option value="">
          {defaultTeam ? `No team picked (joins ${defaultTeam.name})` : "No team picked"}
        </option>
        {teams?.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
            {team.isDefault ? " (default team)" : ""}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        Choose the team they should join when your plan has more than one team; on a single-team plan, the
        default team is used.
      </p>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}
