import { useId } from "react";
import { useDirectory } from "../lib/use-directory";
import { useOrg } from "../session/org-context";

type Choice<S extends string> = { value: S; label: string; show: boolean };

type Props<S extends string> = {
  label: string;
  choices: Choice<S>[];
  value: S;
  onChange: (value: S) => void;
  /** The value whose resource belongs to a team (a team picker then appears). */
  teamValue: S | null;
  teamId: string;
  onTeamChange: (teamId: string) => void;
};

/** Who a resource belongs to (personal, a team, a department, everyone…), with a team picker when needed. */
export function ScopeFields<S extends string>(props: Props<S>) {
  const { isAdmin, membership } = useOrg();
  const directory = useDirectory();
  const ids = { scope: useId(), team: useId() };
  const teams = isAdmin
    ? directory.teams.map((t) => ({ id: t.id, name: t.name }))
    : membership.teams.filter((t) => t.role !== "member").map((t) => ({ id: t.teamId, name: t.name }));
  return (
    <div className="field-row field-row-even">
      <div className="field">
        <label htmlFor={ids.scope}>{props.label}</label>
        <select
          id={ids.scope}
          className="select"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value as S)}
        >
          {props.choices
            .filter((c) => c.show)
            .map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
        </select>
      </div>
      {props.value === props.teamValue && (
        <div className="field">
          <label htmlFor={ids.team}>Team</label>
          <select
            id={ids.team}
            className="select"
            required
            value={props.teamId}
            onChange={(e) => props.onTeamChange(e.target.value)}
          >
            <option value="">{teams.length === 0 ? "You administer no team" : "Choose a team…"}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
