import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../../api/client";
import { addTeamSpaceResource, removeTeamSpaceResource } from "../../api/resource-endpoints";
import type { TeamSpaceDetail } from "../../api/types";
import { SPACE_RESOURCE_TYPES, type SpaceResourceType } from "../../domain";
import { useOrg } from "../../session/org-context";
import { useAnnounce } from "../announcer";
import { ErrorText } from "../error-text";
import { ActionsHeader, RowAction } from "../row-action";
import { SPACE_RESOURCE_LABELS as TYPE_LABELS, useSpaceResourceNames } from "./space-resource-names";

/** What the space holds: agents, integrations and knowledge bases (picked), files and chats (by the AI product's id). */
export function SpaceResourcesCard({ space, onChanged }: { space: TeamSpaceDetail; onChanged: () => void }) {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const { known, nameOf } = useSpaceResourceNames();
  const ids = { type: useId(), item: useId() };
  const [type, setType] = useState<SpaceResourceType>("agent");
  const [item, setItem] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const choices = known[type];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await addTeamSpaceResource(org.id, space.id, {
        resourceType: type,
        resourceId: item.trim(),
      });
      announce(
        result.added ? `${nameOf(type, item)} added to ${space.name}.` : "It was already in the space.",
      );
      setItem("");
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (t: SpaceResourceType, id: string) => {
    setError(null);
    try {
      await removeTeamSpaceResource(org.id, space.id, t, id);
      announce(`${nameOf(t, id)} taken out of ${space.name}.`);
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="space-resources-title">
      <h2 id="space-resources-title">Resources</h2>
      {isAdmin && (
        <form className="add-member add-resource" onSubmit={add} aria-label="Add a resource to the space">
          <div className="field">
            <label htmlFor={ids.type}>Type</label>
            <select
              id={ids.type}
              className="select"
              value={type}
              onChange={(event) => {
                setType(event.target.value as SpaceResourceType);
                setItem("");
              }}
            >
              {SPACE_RESOURCE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.item}>{choices ? TYPE_LABELS[type] : `${TYPE_LABELS[type]} id`}</label>
            {choices ? (
              <select
                id={ids.item}
                className="select"
                required
                value={item}
                onChange={(event) => setItem(event.target.value)}
              >
                <option value="">Choose…</option>
                {choices.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.key})
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={ids.item}
                className="input"
                required
                value={item}
                onChange={(event) => setItem(event.target.value)}
              />
            )}
          </div>
          <button type="submit" className="button button-primary" disabled={isBusy || !item.trim()}>
            Add to space
          </button>
        </form>
      )}
      <ErrorText message={error} />
      {space.resources.length === 0 ? (
        <p className="empty">Nothing in this space yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Name or id</th>
                {isAdmin && <ActionsHeader />}
              </tr>
            </thead>
            <tbody>
              {space.resources.map((r) => (
                <tr key={`${r.resourceType}:${r.resourceId}`}>
                  <td>{TYPE_LABELS[r.resourceType]}</td>
                  <td className="break">{nameOf(r.resourceType, r.resourceId)}</td>
                  {isAdmin && (
                    <td className="actions">
                      <RowAction
                        label="Remove"
                        target={nameOf(r.resourceType, r.resourceId)}
                        tone="danger"
                        onClick={() => remove(r.resourceType, r.resourceId)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
