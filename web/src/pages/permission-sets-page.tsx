import { useState } from "react";
import { deletePermissionSet, listPermissionSets } from "../api/access-endpoints";
import { errorMessage } from "../api/client";
import type { PermissionSet } from "../api/types";
import { RulesList } from "../components/access/access-summary";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { AssignmentsDialog } from "../components/permission-sets/assignments-dialog";
import { ImportSetsDialog } from "../components/permission-sets/import-sets-dialog";
import { PermissionSetDialog } from "../components/permission-sets/permission-set-dialog";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { useDirectory } from "../lib/use-directory";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

type Editing = { kind: "create" } | { kind: "edit" | "assign" | "delete"; set: PermissionSet };

/** Settings → Permission sets: the seed's department-specific sets, their rules and who they apply to. */
export function PermissionSetsPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const directory = useDirectory();
  const sets = usePagedList(`permission-sets:${org.id}`, (cursor) => listPermissionSets(org.id, cursor));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [importing, setImporting] = useState(false);
  const close = () => setEditing(null);

  const appliesTo = (set: PermissionSet) => {
    const parts = [
      ...set.assignments.departments.map((d) => `department ${d}`),
      ...set.assignments.teamIds.map((id) => `team ${directory.teamName(id)}`),
      ...set.assignments.userIds.map((id) => directory.personName(id)),
    ];
    return parts.length === 0 ? <span className="muted">Nobody yet</span> : parts.join(", ");
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Permission sets"
        help="Department-specific rules in the seed's format. A set narrows what the role opens for the fields it mentions; among a person's sets the most permissive value wins. Admins are not narrowed."
      >
        {isAdmin && (
          <div className="button-row">
            <button type="button" className="button" onClick={() => setImporting(true)}>
              Import JSON
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ kind: "create" })}
            >
              New permission set
            </button>
          </div>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="sets-title">
        <h2 id="sets-title" className="visually-hidden">
          Permission sets
        </h2>
        <ErrorText message={sets.error ? errorMessage(sets.error) : null} />
        {!sets.isLoading && sets.items.length === 0 && (
          <p className="empty">No permission sets yet: everyone has their role's defaults.</p>
        )}
        {sets.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Set</th>
                  <th scope="col">Rules</th>
                  <th scope="col">Applies to</th>
                  {isAdmin && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {sets.items.map((set) => (
                  <tr key={set.id}>
                    <td>
                      <code className="cell-title">{set.key}</code>
                      <span className="cell-sub">{set.name}</span>
                      {set.description && <span className="cell-sub">{set.description}</span>}
                    </td>
                    <td>
                      <RulesList rules={set.rules} unmatched={set.unmatched} />
                    </td>
                    <td>{appliesTo(set)}</td>
                    {isAdmin && (
                      <td className="actions actions-wide">
                        <div className="button-group">
                          <RowAction
                            label="Edit"
                            target={set.key}
                            tone="quiet"
                            onClick={() => setEditing({ kind: "edit", set })}
                          />
                          <RowAction
                            label="Assign"
                            target={set.key}
                            tone="quiet"
                            onClick={() => setEditing({ kind: "assign", set })}
                          />
                          <RowAction
                            label="Delete"
                            target={set.key}
                            tone="danger"
                            onClick={() => setEditing({ kind: "delete", set })}
                          />
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={sets} />
      </section>
      {importing && (
        <ImportSetsDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            announce("Permission sets imported.");
            sets.reload();
          }}
        />
      )}
      {editing?.kind === "create" && (
        <PermissionSetDialog
          set={null}
          onClose={close}
          onSaved={(set) => {
            announce(`Permission set ${set.key} created.`);
            sets.reload();
          }}
        />
      )}
      {editing?.kind === "edit" && (
        <PermissionSetDialog
          set={editing.set}
          onClose={close}
          onSaved={(set) => {
            announce(`Permission set ${set.key} saved.`);
            sets.reload();
          }}
        />
      )}
      {editing?.kind === "assign" && (
        <AssignmentsDialog
          set={editing.set}
          onClose={close}
          onSaved={() => {
            announce(`Assignments of ${editing.set.key} saved.`);
            sets.reload();
          }}
        />
      )}
      {editing?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete ${editing.set.key}?`}
          confirmLabel="Delete set"
          onClose={close}
          onConfirm={async () => {
            await deletePermissionSet(org.id, editing.set.id);
            announce(`Permission set ${editing.set.key} deleted.`);
            sets.reload();
          }}
        >
          <p>
            Its assignments go with it. The people it applied to fall back to their other sets or their role's
            defaults at the next check.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
