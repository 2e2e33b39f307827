import { useState } from "react";
import { deleteProject, endProject, listProjects } from "../api/access-endpoints";
import { errorMessage } from "../api/client";
import type { Project } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ExtendProjectDialog } from "../components/projects/extend-project-dialog";
import { ProjectDialog } from "../components/projects/project-dialog";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { StatusBadge } from "../components/status-badge";
import { liveStatus, timeLeft } from "../lib/access-words";
import { formatDate } from "../lib/format";
import { useNow } from "../lib/use-now";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

type Acting = { kind: "create" } | { kind: "edit" | "extend" | "end" | "delete"; project: Project };

const MEMBER_WORDS = { user: "person", team: "team", department: "department" } as const;
const RESOURCE_WORDS = {
  agent: "agent",
  integration: "integration",
  knowledge_base: "knowledge base",
  file: "file",
};

/** Settings → Projects: time-boxed access (the seed's Project Alpha) with a live countdown to its end. */
export function ProjectsPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const now = useNow();
  const projects = usePagedList(`projects:${org.id}`, (cursor) => listProjects(org.id, cursor));
  const [acting, setActing] = useState<Acting | null>(null);
  const close = () => setActing(null);
  const saved = (message: string) => {
    announce(message);
    projects.reload();
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Projects"
        help={
          isAdmin
            ? "Members (people, teams or departments) reach a project's agents, integrations, knowledge bases and files until it ends by itself."
            : "The projects you are in, and how long their access lasts."
        }
      >
        {isAdmin && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setActing({ kind: "create" })}
          >
            New project
          </button>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="projects-title">
        <h2 id="projects-title" className="visually-hidden">
          Projects
        </h2>
        <ErrorText message={projects.error ? errorMessage(projects.error) : null} />
        {!projects.isLoading && projects.items.length === 0 && (
          <p className="empty">{isAdmin ? "No projects yet." : "You are not in any project."}</p>
        )}
        {projects.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Status</th>
                  <th scope="col">Time left</th>
                  <th scope="col">Members</th>
                  <th scope="col">Resources</th>
                  {isAdmin && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {projects.items.map((project) => {
                  const status = liveStatus(project, now);
                  const over = status === "ended" || status === "expired";
                  return (
                    <tr key={project.id}>
                      <td>
                        <span className="cell-title">{project.name}</span>
                        {project.description && <span className="cell-sub">{project.description}</span>}
                      </td>
                      <td>
                        <StatusBadge status={status} />
                      </td>
                      <td>
                        <span className="countdown">{timeLeft({ ...project, status }, now)}</span>
                        <span className="cell-sub nowrap">
                          {over ? "Ended" : "Ends"} {formatDate(project.endedAt ?? project.endsAt)}
                        </span>
                      </td>
                      <td>
                        {project.members.length === 0 ? (
                          <span className="muted">Nobody</span>
                        ) : (
                          <ul className="plain-list wrap-list">
                            {project.members.map((m) => (
                              <li key={`${m.type}:${m.ref}`}>
                                <span className="muted">{MEMBER_WORDS[m.type]}</span> {m.name ?? m.ref}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {project.resources.length === 0 ? (
                          <span className="muted">None</span>
                        ) : (
                          <ul className="plain-list wrap-list">
                            {project.resources.map((r) => (
                              <li key={`${r.type}:${r.id}`}>
                                <span className="muted">{RESOURCE_WORDS[r.type]}</span>{" "}
                                {r.name ?? r.key ?? r.id}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {isAdmin && (
                        <td className="actions actions-wide">
                          <div className="button-group">
                            <RowAction
                              label="Edit"
                              target={project.name}
                              tone="quiet"
                              onClick={() => setActing({ kind: "edit", project })}
                            />
                            <RowAction
                              label="Extend"
                              target={project.name}
                              tone="quiet"
                              onClick={() => setActing({ kind: "extend", project })}
                            />
                            {!over && (
                              <RowAction
                                label="End now"
                                target={project.name}
                                tone="danger"
                                onClick={() => setActing({ kind: "end", project })}
                              />
                            )}
                            <RowAction
                              label="Delete"
                              target={project.name}
                              tone="danger"
                              onClick={() => setActing({ kind: "delete", project })}
                            />
                          </div>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={projects} />
      </section>
      {acting?.kind === "create" && (
        <ProjectDialog
          project={null}
          onClose={close}
          onSaved={(p) => saved(`${p.name} created: ${p.remaining} of access.`)}
        />
      )}
      {acting?.kind === "edit" && (
        <ProjectDialog project={acting.project} onClose={close} onSaved={(p) => saved(`${p.name} saved.`)} />
      )}
      {acting?.kind === "extend" && (
        <ExtendProjectDialog
          project={acting.project}
          onClose={close}
          onExtended={(p) => saved(`${p.name} now ends on ${formatDate(p.endsAt)}.`)}
        />
      )}
      {acting?.kind === "end" && (
        <ConfirmDialog
          title={`End ${acting.project.name} now?`}
          confirmLabel="End project"
          onClose={close}
          onConfirm={async () => {
            await endProject(org.id, acting.project.id);
            saved(`${acting.project.name} ended.`);
          }}
        >
          <p>
            Its members lose the access it gives at their next check. You can extend it later to bring it
            back.
          </p>
        </ConfirmDialog>
      )}
      {acting?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete ${acting.project.name}?`}
          confirmLabel="Delete project"
          onClose={close}
          onConfirm={async () => {
            await deleteProject(org.id, acting.project.id);
            saved(`${acting.project.name} deleted.`);
          }}
        >
          <p>
            The project and the access it gives are removed for good. Its agents, integrations and files stay.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
