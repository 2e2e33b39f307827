import { useState } from "react";
import { errorMessage } from "../../api/client";
import { listAgentShares, setAgentShares } from "../../api/resource-endpoints";
import type { Agent } from "../../api/types";
import { SHARE_LEVELS, type ShareLevel } from "../../domain";
import { SHARE_LEVEL_LABELS } from "../../lib/access-words";
import { useDirectory } from "../../lib/use-directory";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../session/org-context";
import { Dialog } from "../dialog";
import { ErrorText } from "../error-text";
import { Loading } from "../loading";

type Props = { agent: Agent; canShare: boolean; onClose: () => void; onSaved: (count: number) => void };

/** The seed's shared_agents for one agent: each team at full, run only, view only, or not shared. */
export function AgentSharingDialog({ agent, canShare, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const directory = useDirectory();
  const shares = useResource(`agent-shares:${agent.id}`, () => listAgentShares(org.id, agent.id));
  const [levels, setLevels] = useState<Record<string, ShareLevel | "">>({});
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const current = Object.fromEntries((shares.data?.items ?? []).map((s) => [s.teamId, s.level]));
  const levelOf = (teamId: string) => levels[teamId] ?? current[teamId] ?? "";
  const teams = canShare
    ? directory.teams.map((t) => ({ id: t.id, name: t.name }))
    : (shares.data?.items ?? []).map((s) => ({ id: s.teamId, name: s.teamName }));

  const save = async () => {
    setBusy(true);
    setError(null);
    const body = teams.flatMap((t) => {
      const level = levelOf(t.id);
      return level ? [{ teamId: t.id, level }] : [];
    });
    try {
      await setAgentShares(org.id, agent.id, body);
      onSaved(body.length);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Sharing: ${agent.name}`}
      description="Full: use, change and share it. Run only: use it. View only: see it."
      onClose={onClose}
      size="wide"
    >
      <div className="dialog-body">
        <ErrorText message={shares.error ? errorMessage(shares.error) : null} />
        {shares.isLoading && !shares.data && <Loading />}
        {shares.data && teams.length === 0 && <p className="empty">Not shared with any team.</p>}
        {shares.data && teams.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Level</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <td className="cell-title">{team.name}</td>
                  <td>
                    {canShare ? (
                      <>
                        <label className="visually-hidden" htmlFor={`share-${team.id}`}>
                          Sharing with {team.name}
                        </label>
                        <select
                          id={`share-${team.id}`}
                          className="select select-compact"
                          value={levelOf(team.id)}
                          onChange={(e) =>
                            setLevels({ ...levels, [team.id]: e.target.value as ShareLevel | "" })
                          }
                        >
                          <option value="">Not shared</option>
                          {[...SHARE_LEVELS].reverse().map((level) => (
                            <option key={level} value={level}>
                              {SHARE_LEVEL_LABELS[level]} ({level})
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      SHARE_LEVEL_LABELS[current[team.id] as ShareLevel]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {canShare ? "Cancel" : "Close"}
          </button>
          {canShare && (
            <button
              type="button"
              className="button button-primary"
              onClick={save}
              disabled={isBusy || !shares.data}
            >
              {isBusy ? "Saving…" : "Save sharing"}
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
