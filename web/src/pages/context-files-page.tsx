import { useState } from "react";
import { errorMessage } from "../api/client";
import { deleteContextFile, listContextFiles } from "../api/resource-endpoints";
import type { ContextFile } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ContextFileDialog, FILE_SCOPE_LABELS } from "../components/context-file-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { formatDate } from "../lib/format";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

/** Settings → Context files: personal, team and org-scoped files the person may read. */
export function ContextFilesPage() {
  const { org, me, isAdmin, membership } = useOrg();
  const announce = useAnnounce();
  const list = usePagedList(`context-files:${org.id}`, (cursor) => listContextFiles(org.id, cursor));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ContextFile | null>(null);
  const canCreate = membership.role !== "viewer";
  const mayDelete = (file: ContextFile) =>
    isAdmin ||
    (file.scope === "personal" && file.ownerUserId === me.user.id) ||
    (file.scope === "team" && membership.teams.some((t) => t.teamId === file.teamId && t.role !== "member"));

  return (
    <SettingsLayout>
      <PageHeader
        title="Context files"
        help="Personal files are their owner's; team files are read by the team and edited by its admins and owners; org files are read by everyone."
      >
        {canCreate && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New context file
          </button>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="files-title">
        <h2 id="files-title" className="visually-hidden">
          Context files
        </h2>
        <ErrorText message={list.error ? errorMessage(list.error) : null} />
        {!list.isLoading && list.items.length === 0 && <p className="empty">No context files yet.</p>}
        {list.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Added</th>
                  {canCreate && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {list.items.map((file) => (
                  <tr key={file.id}>
                    <td>
                      <span className="cell-title">{file.name}</span>
                      {file.description && <span className="cell-sub">{file.description}</span>}
                    </td>
                    <td>
                      {FILE_SCOPE_LABELS[file.scope]}
                      {file.teamName && <span className="cell-sub">{file.teamName}</span>}
                    </td>
                    <td>{file.ownerName ?? <span className="muted">Nobody</span>}</td>
                    <td className="nowrap">{formatDate(file.createdAt)}</td>
                    {canCreate && (
                      <td className="actions">
                        {mayDelete(file) && (
                          <RowAction
                            label="Delete"
                            target={file.name}
                            tone="danger"
                            onClick={() => setDeleting(file)}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={list} />
      </section>
      {creating && (
        <ContextFileDialog
          onClose={() => setCreating(false)}
          onCreated={(file) => {
            announce(`Context file ${file.name} added.`);
            list.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteContextFile(org.id, deleting.id);
            announce(`Context file ${deleting.name} deleted.`);
            list.reload();
          }}
        >
          <p>Agents that used it lose it at once.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
