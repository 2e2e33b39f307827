import { useState } from "react";
import { errorMessage } from "../api/client";
import { deleteTeamSpace, listTeamSpaces } from "../api/resource-endpoints";
import type { TeamSpace } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { TeamSpaceDialog } from "../components/team-spaces/team-space-dialog";
import { spaceAccessWords } from "../lib/access-words";
import { usePagedList } from "../lib/use-paged-list";
import { Link, navigate } from "../router";
import { useOrg } from "../session/org-context";

type Acting = { kind: "create" } | { kind: "rename" | "delete"; space: TeamSpace };

/** Settings → Team spaces: shared agents, files, integrations, chats and knowledge bases, with access per team. */
export function TeamSpacesPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const spaces = usePagedList(`team-spaces:${org.id}`, (cursor) => listTeamSpaces(org.id, cursor));
  const [acting, setActing] = useState<Acting | null>(null);
  const close = () => setActing(null);
  const base = `/orgs/${org.id}/settings/team-spaces`;

  return (
    <SettingsLayout>
      <PageHeader
        title="Team spaces"
        help={
          isAdmin
            ? "Each team has full, view or no access to a space and what it holds, or access to some of its resources only."
            : "The spaces your teams reach."
        }
      >
        {isAdmin && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setActing({ kind: "create" })}
          >
            New team space
          </button>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="spaces-title">
        <h2 id="spaces-title" className="visually-hidden">
          Team spaces
        </h2>
        <ErrorText message={spaces.error ? errorMessage(spaces.error) : null} />
        {!spaces.isLoading && spaces.items.length === 0 && <p className="empty">No team spaces yet.</p>}
        {spaces.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Space</th>
                  <th scope="col">Access</th>
                  {isAdmin && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {spaces.items.map((space) => (
                  <tr key={space.id}>
                    <td>
                      <Link to={`${base}/${space.id}`} className="cell-title">
                        {space.name}
                      </Link>
                      <code className="cell-sub">{space.key}</code>
                      {space.description && <span className="cell-sub">{space.description}</span>}
                    </td>
                    <td>
                      {space.access.length === 0 ? (
                        <span className="muted">No team yet</span>
                      ) : (
                        <ul className="plain-list">
                          {space.access.map((a) => (
                            <li key={a.teamId}>
                              {a.teamName} <span className="muted">· {spaceAccessWords(a)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    {isAdmin && (
                      <td className="actions actions-wide">
                        <div className="button-group">
                          <RowAction
                            label="Rename"
                            target={space.name}
                            tone="quiet"
                            onClick={() => setActing({ kind: "rename", space })}
                          />
                          <RowAction
                            label="Delete"
                            target={space.name}
                            tone="danger"
                            onClick={() => setActing({ kind: "delete", space })}
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
        <LoadMore list={spaces} />
      </section>
      {acting?.kind === "create" && (
        <TeamSpaceDialog
          space={null}
          onClose={close}
          onSaved={(space) => {
            announce(`Team space ${space.name} created. Now choose which teams reach it.`);
            navigate(`${base}/${space.id}`);
          }}
        />
      )}
      {acting?.kind === "rename" && (
        <TeamSpaceDialog
          space={acting.space}
          onClose={close}
          onSaved={(space) => {
            announce(`Team space renamed to ${space.name}.`);
            spaces.reload();
          }}
        />
      )}
      {acting?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete ${acting.space.name}?`}
          confirmLabel="Delete space"
          onClose={close}
          onConfirm={async () => {
            await deleteTeamSpace(org.id, acting.space.id);
            announce(`Team space ${acting.space.name} deleted.`);
            spaces.reload();
          }}
        >
          <p>The teams lose the access the space gave them. The agents, files and chats in it stay.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
