import { useId, useState } from "react";
import { errorMessage } from "../../api/client";
import { listIntegrationShares, setIntegrationShares, updateIntegration } from "../../api/resource-endpoints";
import type { Integration } from "../../api/types";
import { FULL_ACCESS_SCOPE } from "../../domain";
import { useDirectory } from "../../lib/use-directory";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../session/org-context";
import { Dialog } from "../dialog";
import { ErrorText } from "../error-text";
import { Loading } from "../loading";

type Props = { integration: Integration; onClose: () => void; onSaved: () => void };

/** The seed's shared_integrations for one integration: each team's data scope, and who else may use it. */
export function IntegrationSharingDialog({ integration, onClose, onSaved }: Props) {
  const { org, isAdmin } = useOrg();
  const directory = useDirectory();
  const audienceName = useId();
  const shares = useResource(`integration-shares:${integration.id}`, () =>
    listIntegrationShares(org.id, integration.id),
  );
  const [scopes, setScopes] = useState<Record<string, string>>({});
  const [audience, setAudience] = useState(integration.audience);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const current = Object.fromEntries((shares.data?.items ?? []).map((s) => [s.teamId, s.dataScope]));
  const scopeOf = (teamId: string) => scopes[teamId] ?? current[teamId] ?? "";
  const teams = isAdmin
    ? directory.teams.map((t) => ({ id: t.id, name: t.name }))
    : (shares.data?.items ?? []).map((s) => ({ id: s.teamId, name: s.teamName }));
  const choices = [FULL_ACCESS_SCOPE, ...integration.dataScopes];

  const save = async () => {
    setBusy(true);
    setError(null);
    const body = teams.flatMap((t) => (scopeOf(t.id) ? [{ teamId: t.id, dataScope: scopeOf(t.id) }] : []));
    try {
      await setIntegrationShares(org.id, integration.id, body);
      // Sharing restricts it to the shared teams; the audience says what happens once no share is left.
      if (audience !== integration.audience || body.length > 0) {
        await updateIntegration(org.id, integration.id, { audience });
      }
      onSaved();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Sharing: ${integration.name}`}
      description="Each team gets one data scope: full_access, or one of the integration's own."
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
                <th scope="col">Data scope</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <td className="cell-title">{team.name}</td>
                  <td>
                    {isAdmin ? (
                      <>
                        <label className="visually-hidden" htmlFor={`scope-${team.id}`}>
                          Data scope of {team.name}
                        </label>
                        <select
                          id={`scope-${team.id}`}
                          className="select select-compact"
                          value={scopeOf(team.id)}
                          onChange={(e) => setScopes({ ...scopes, [team.id]: e.target.value })}
                        >
                          <option value="">Not shared</option>
                          {choices.map((scope) => (
                            <option key={scope} value={scope}>
                              {scope}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <code>{current[team.id]}</code>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <fieldset className="fieldset audience" disabled={!isAdmin}>
          <legend>Who else may use it</legend>
          <div className="choices">
            <label className="choice">
              <input
                type="radio"
                name={audienceName}
                checked={audience === "org"}
                onChange={() => setAudience("org")}
              />
              <span>
                <span className="choice-label">Everyone, while it is shared with no team</span>
                <span className="choice-hint">
                  Members use it through their role (a permission set may narrow that).
                </span>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name={audienceName}
                checked={audience === "teams"}
                onChange={() => setAudience("teams")}
              />
              <span>
                <span className="choice-label">Only the teams it is shared with</span>
                <span className="choice-hint">Removing the last share does not reopen it to everyone.</span>
              </span>
            </label>
          </div>
        </fieldset>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {isAdmin ? "Cancel" : "Close"}
          </button>
          {isAdmin && (
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
