import { useState } from "react";
import { errorMessage } from "../../api/client";
import { setTeamSpaceAccess } from "../../api/resource-endpoints";
import type { TeamSpaceDetail } from "../../api/types";
import type { SpaceLevel } from "../../domain";
import { SPACE_LEVEL_LABELS, spaceAccessWords } from "../../lib/access-words";
import { useDirectory } from "../../lib/use-directory";
import { useOrg } from "../../session/org-context";
import { useAnnounce } from "../announcer";
import { ErrorText } from "../error-text";
import {
  resourceRefOf,
  SPACE_RESOURCE_LABELS,
  type SpaceResource,
  useSpaceResourceNames,
} from "./space-resource-names";

type Props = { space: TeamSpaceDetail; onSaved: (space: TeamSpaceDetail) => void };

/** The access card's choice per team: the seed's four lines of "Access Control". */
type Choice = "full" | "view" | "specific" | "none";
const CHOICES: { value: Choice; label: string }[] = [
  { value: "full", label: SPACE_LEVEL_LABELS.full },
  { value: "view", label: SPACE_LEVEL_LABELS.view },
  { value: "specific", label: "Specific resources" },
  { value: "none", label: SPACE_LEVEL_LABELS.none },
];

/** One team's access as edited: for specific resources, the level they get and which (as `type:id`). */
type Draft = { choice: Choice; level: "full" | "view"; resources: string[] };
const NO_ACCESS: Draft = { choice: "none", level: "full", resources: [] };

function draftOf(access: TeamSpaceDetail["access"][number]): Draft {
  if (access.resources !== null && access.level !== "none")
    return { choice: "specific", level: access.level, resources: access.resources.map(resourceRefOf) };
  return { choice: access.level, level: "full", resources: [] };
}

const sameDraft = (a: Draft, b: Draft) =>
  a.choice === b.choice &&
  (a.choice !== "specific" ||
    (a.level === b.level && [...a.resources].sort().join() === [...b.resources].sort().join()));

/**
 * Access per team (the seed's "Marketing team: Full access", "Leadership: View access", "Related teams:
 * Specific resource access", "Other departments: No access").
 */
export function SpaceAccessCard({ space, onSaved }: Props) {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const directory = useDirectory();
  const { nameOf } = useSpaceResourceNames();
  const initial: Record<string, Draft> = Object.fromEntries(space.access.map((a) => [a.teamId, draftOf(a)]));
  const [drafts, setDrafts] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const teams = isAdmin ? directory.teams : [];
  const draftOfTeam = (teamId: string) => drafts[teamId] ?? NO_ACCESS;
  const isDirty = teams.some((team) => !sameDraft(draftOfTeam(team.id), initial[team.id] ?? NO_ACCESS));
  const change = (teamId: string, changes: Partial<Draft>) =>
    setDrafts({ ...drafts, [teamId]: { ...draftOfTeam(teamId), ...changes } });
  const resourceOf = new Map(space.resources.map((r) => [resourceRefOf(r), r]));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const access = Object.entries(drafts)
        .filter(([, draft]) => draft.choice !== "none")
        .map(([teamId, draft]) =>
          draft.choice === "specific"
            ? {
                teamId,
                level: draft.level,
                resources: draft.resources
                  .map((ref) => resourceOf.get(ref))
                  .filter((r): r is SpaceResource => r !== undefined),
              }
            : { teamId, level: draft.choice as SpaceLevel },
        );
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
            Full: work in the space. View: see it. Specific resources: only the ones you tick, not the space
            itself. Teams not listed have no access.
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
              {teams.map((team) => {
                const draft = draftOfTeam(team.id);
                return (
                  <tr key={team.id}>
                    <td className="cell-title">{team.name}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`space-level-${team.id}`}>
                        Access of {team.name}
                      </label>
                      <select
                        id={`space-level-${team.id}`}
                        className="select select-compact"
                        value={draft.choice}
                        onChange={(event) => change(team.id, { choice: event.target.value as Choice })}
                      >
                        {CHOICES.map((c) => (
                          <option key={c.value} value={c.value}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                      {draft.choice === "specific" && (
                        <fieldset className="space-specific">
                          <legend className="visually-hidden">Resources {team.name} reaches</legend>
                          <label className="small" htmlFor={`space-specific-level-${team.id}`}>
                            They may
                          </label>{" "}
                          <select
                            id={`space-specific-level-${team.id}`}
                            className="select select-compact"
                            value={draft.level}
                            onChange={(event) =>
                              change(team.id, { level: event.target.value as "full" | "view" })
                            }
                          >
                            <option value="full">use them</option>
                            <option value="view">only see them</option>
                          </select>
                          {space.resources.length === 0 ? (
                            <p className="muted small">
                              Nothing in this space yet: add resources first, then tick them here.
                            </p>
                          ) : (
                            <div className="choices">
                              {space.resources.map((r) => {
                                const ref = resourceRefOf(r);
                                return (
                                  <label key={ref} className="choice">
                                    <input
                                      type="checkbox"
                                      checked={draft.resources.includes(ref)}
                                      onChange={(event) =>
                                        change(team.id, {
                                          resources: event.target.checked
                                            ? [...draft.resources, ref]
                                            : draft.resources.filter((x) => x !== ref),
                                        })
                                      }
                                    />
                                    <span>
                                      <span className="choice-label">
                                        {nameOf(r.resourceType, r.resourceId)}
                                      </span>
                                      <span className="choice-hint">
                                        {SPACE_RESOURCE_LABELS[r.resourceType]}
                                      </span>
                                    </span>
                                  </label>
                                );
                              })}
                            </div>
                          )}
                        </fieldset>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : space.access.length === 0 ? (
        <p className="empty">No team has access.</p>
      ) : (
        <ul className="plain-list">
          {space.access.map((a) => (
            <li key={a.teamId}>
              {a.teamName} <span className="muted">· {spaceAccessWords(a)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
