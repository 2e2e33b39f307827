import type { ReactNode } from "react";
import type { AccessReport, Project } from "../../api/types";
import { explainAll, leftUntil, liveStatus, type SetSources, timeLeft, verbOf } from "../../lib/access-words";
import { formatDate } from "../../lib/format";
import { StatusBadge } from "../status-badge";

type Reached = AccessReport["agents"][number];

type ReachTableProps<E extends Reached> = {
  title: string;
  entries: E[];
  sources: SetSources;
  now: number;
  /** Shown when the list is empty. */
  none: string;
  /** An extra column, e.g. the data scope of an integration. */
  extra?: { header: string; cell: (entry: E) => ReactNode };
  /** Whether to list the actions (agents: view / run / edit / share). */
  showActions?: boolean;
};

/** One kind of resource a person reaches, each with what they may do and why. */
export function ReachTable<E extends Reached>({
  title,
  entries,
  sources,
  now,
  none,
  extra,
  showActions = true,
}: ReachTableProps<E>) {
  const id = `reach-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{entries.length}</span>
      </h2>
      {entries.length === 0 ? (
        <p className="empty">{none}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                {showActions && <th scope="col">Can</th>}
                {extra && <th scope="col">{extra.header}</th>}
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <span className="cell-title">{entry.name}</span>
                    {entry.key && entry.key !== entry.name && <code className="cell-sub">{entry.key}</code>}
                  </td>
                  {showActions && <td>{entry.actions.map(verbOf).join(", ")}</td>}
                  {extra && <td>{extra.cell(entry)}</td>}
                  <td>
                    <span className="why">{explainAll(entry.via, sources)}</span>
                    {entry.expiresAt && (
                      <span className="cell-sub">
                        Until {formatDate(entry.expiresAt)} · {leftUntil(entry.expiresAt, now)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The person's projects with a live countdown; `details` adds status and start when the list is readable. */
export function ProjectsReach({
  report,
  details,
  now,
}: {
  report: AccessReport;
  details: Map<string, Project>;
  now: number;
}) {
  return (
    <section className="card" aria-labelledby="reach-projects">
      <h2 id="reach-projects">
        Projects <span className="count">{report.projects.length}</span>
      </h2>
      {report.projects.length === 0 ? (
        <p className="empty">Not in any project.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Status</th>
                <th scope="col">Time left</th>
                <th scope="col">Access ends</th>
              </tr>
            </thead>
            <tbody>
              {report.projects.map((project) => {
                const detail = details.get(project.projectId);
                const timing = detail ?? {
                  status: project.active ? ("active" as const) : ("ended" as const),
                  startsAt: new Date(0).toISOString(),
                  endsAt: project.endsAt,
                };
                return (
                  <tr key={project.projectId}>
                    <td className="cell-title">{project.name}</td>
                    <td>
                      <StatusBadge status={liveStatus(timing, now)} />
                    </td>
                    <td>{timeLeft(timing, now)}</td>
                    <td className="nowrap">{formatDate(project.endsAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
