import { useState } from "react";
import { errorMessage } from "../api/client";
import { deleteKnowledgeBase, listKnowledgeBases } from "../api/resource-endpoints";
import type { KnowledgeBase } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { KnowledgeBaseDialog, VISIBILITY_LABELS } from "../components/knowledge-base-dialog";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

/** Settings → Knowledge bases: public, department, team and personal ones the person may read. */
export function KnowledgeBasesPage() {
  const { org, me, isAdmin } = useOrg();
  const announce = useAnnounce();
  const list = usePagedList(`knowledge-bases:${org.id}`, (cursor) => listKnowledgeBases(org.id, cursor));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeBase | null>(null);
  const mayDelete = (kb: KnowledgeBase) => isAdmin || kb.ownerUserId === me.user.id;

  return (
    <SettingsLayout>
      <PageHeader
        title="Knowledge bases"
        help="Public ones are open to everyone unless a permission set lists knowledge bases; department and team ones to their people."
      >
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New knowledge base
        </button>
      </PageHeader>
      <section className="card" aria-labelledby="kbs-title">
        <h2 id="kbs-title" className="visually-hidden">
          Knowledge bases
        </h2>
        <ErrorText message={list.error ? errorMessage(list.error) : null} />
        {!list.isLoading && list.items.length === 0 && <p className="empty">No knowledge bases yet.</p>}
        {list.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Knowledge base</th>
                  <th scope="col">Who may read it</th>
                  <th scope="col">Owner</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {list.items.map((kb) => (
                  <tr key={kb.id}>
                    <td>
                      <span className="cell-title">{kb.name}</span>
                      <code className="cell-sub">{kb.key}</code>
                    </td>
                    <td>
                      {VISIBILITY_LABELS[kb.visibility]}
                      {(kb.department ?? kb.teamName) && (
                        <span className="cell-sub">{kb.department ?? kb.teamName}</span>
                      )}
                    </td>
                    <td>{kb.ownerName ?? <span className="muted">Nobody</span>}</td>
                    <td className="actions">
                      {mayDelete(kb) && (
                        <RowAction
                          label="Delete"
                          target={kb.name}
                          tone="danger"
                          onClick={() => setDeleting(kb)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={list} />
      </section>
      {creating && (
        <KnowledgeBaseDialog
          onClose={() => setCreating(false)}
          onCreated={(kb) => {
            announce(`Knowledge base ${kb.name} created.`);
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
            await deleteKnowledgeBase(org.id, deleting.id);
            announce(`Knowledge base ${deleting.name} deleted.`);
            list.reload();
          }}
        >
          <p>Its places in team spaces and projects go with it.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
