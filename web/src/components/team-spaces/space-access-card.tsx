import { useState } from "react";
import { errorMessage } from "../../api/client";
import { setTeamSpaceAccess } from "../../api/resource-endpoints";
import type { TeamSpaceDetail } from "../../api/types";
import { SPACE_LEVELS, type SpaceLevel } from "../../domain";
import { SPACE_LEVEL_LABELS } from "../../lib/access-words";
import { useDirectory } from "../../lib/use-directory";
import { useOrg } from "../../session/org-context";
import { useAnnounce } from "../announcer";
import { ErrorText } from "../error-text";

type Props = { space: TeamSpaceDetail; onSaved: (space: TeamSpaceDetail) => void };

/** Access per team: full / view / none (the seed's "Marketing team: Full access, Leadership: View access"). */
export function SpaceAccessCard({ space, onSaved }: Props) {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const directory = useDirectory();
  const initial = Object.fromEntries(space.access.map((a) => [a.teamId, a.level])) as Record<
    string,
    SpaceLevel
  >;
  const [levels, setLevels] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const teams = isAdmin ? directory.teams : [];
  const isDirty = teams.some((team) => (levels[team.id] ?? "none") !== (initial[team.id] ?? "none"));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const access = Object.entries(levels)
        .filter(([, level]) => level !== "none")
        .map(([teamId, level]) => ({ teamId, level }));
      const saved = await setTeamSpaceAccess(org.id, space.id, access);
      announce(`Access to ${space.name} saved.`);
      onSaved(saved);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="space-access-title">
      <div className="card-header">
        <div>
          <h2 id="space-access-title">Access</h2>
          <p className="muted small">
            Full: work in the space. View: see it. Teams not listed have no access.
          </p>
        </div>
        {isAdmin && (
          <button
            type="button"
            className="button button-primary"
            onClick={save}
            disabled={isBusy || !isDirty}
          >
            {isBusy ? "Saving…" : "Save access"}
          </button>
        )}
      </div>
      <ErrorText message={error} />
      {isAdmin ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <td className="cell-title">{team.name}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`space-level-${team.id}`}>
                      Access of {team.name}
                    </label>
                    <select
                      id={`space-level-${team.id}`}
                      className="select select-compact"
                      value={levels[team.id] ?? "none"}
                      onChange={(event) =>
                        setLevels({ ...levels, [team.id]: event.target.value as SpaceLevel })
                      }
                    >
                      {[...SPACE_LEVELS].reverse().map((level) => (
                        <option key={level} value={level}>
                          {SPACE_LEVEL_LABELS[level]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : space.access.length === 0 ? (
        <p className="empty">No team has access.</p>
      ) : (
        <ul className="plain-list">
          {space.access.map((a) => (
            <li key={a.teamId}>
              {a.teamName} <span className="muted">· {SPACE_LEVEL_LABELS[a.level]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
