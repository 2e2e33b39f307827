import { type ReactNode, useId } from "react";
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

type RoleChoicesProps<R extends string> = {
  legend: string;
  roles: readonly R[];
  labels: Record<R, string>;
  descriptions: Record<R, string>;
  value: R;
  onChange: (role: R) => void;
  layout?: "column" | "row";
  children?: ReactNode;
};

/** Roles as radios, each with the seed's description of what it allows. */
function RoleChoices<R extends string>(props: RoleChoicesProps<R>) {
  const name = useId();
  return (
    <fieldset className="fieldset">
      <legend>{props.legend}</legend>
      <div className={props.layout === "row" ? "choices choices-row" : "choices"}>
        {props.roles.map((role) => (
          <label key={role} className="choice">
            <input
              type="radio"
              name={name}
              value={role}
              checked={props.value === role}
              onChange={() => props.onChange(role)}
              aria-describedby={`${name}-${role}`}
            />
            <span>
              <span className="choice-label">{props.labels[role]}</span>
              <span className="choice-hint" id={`${name}-${role}`}>
                {props.descriptions[role]}
              </span>
            </span>
          </label>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}

export function OrgRoleField({ value, onChange }: { value: OrgRole; onChange: (role: OrgRole) => void }) {
  return (
    <RoleChoices
      legend="Org role"
      roles={ORG_ROLE_CHOICES}
      labels={ORG_ROLE_LABELS}
      descriptions={ORG_ROLE_DESCRIPTIONS}
      value={value}
      onChange={onChange}
    >
      <p className="tip">
        <strong>Tip:</strong> When in doubt, pick User. You can promote someone to Admin later.
      </p>
    </RoleChoices>
  );
}

/** Team role (Business and Enterprise): Member, Admin, Owner. */
export function TeamRoleField({ value, onChange }: { value: TeamRole; onChange: (role: TeamRole) => void }) {
  return (
    <RoleChoices
      legend="Team role"
      roles={TEAM_ROLES}
      labels={TEAM_ROLE_LABELS}
      descriptions={TEAM_ROLE_DESCRIPTIONS}
      value={value}
      onChange={onChange}
      layout="row"
    />
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
