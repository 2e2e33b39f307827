import { getMemberAccess, listProjects } from "../api/access-endpoints";
import { errorMessage } from "../api/client";
import { AccessSummary, PermissionSetsInEffect } from "../components/access/access-summary";
import { CheckActionForm } from "../components/access/check-action-form";
import { ProjectsReach, ReachTable } from "../components/access/reach-table";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { spaceResourceRef } from "../domain";
import { SPACE_LEVEL_LABELS, setSourcesOf } from "../lib/access-words";
import { listAll } from "../lib/list-all";
import { useNow } from "../lib/use-now";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useOrg } from "../session/org-context";

/** A member's effective access and why: what the decision engine would answer for each resource. */
export function MemberAccessPage({ userId }: { userId: string }) {
  const { org, me } = useOrg();
  const now = useNow();
  const report = useResource(`access:${userId}`, () => getMemberAccess(org.id, userId));
  // Status and start of each project (admins read them all; others their own).
  const projects = useResource(`projects-all:${org.id}`, () => listAll((c) => listProjects(org.id, c)));
  const isSelf = userId === me.user.id;
  const data = report.data;
  const title = isSelf ? "My access" : "Member access";
  const heading = isSelf ? "My access" : data ? `Access of ${data.name}` : "Member access";
  const details = new Map((projects.data ?? []).map((project) => [project.id, project]));
  const sources = data ? setSourcesOf(data) : new Map<string, string>();

  return (
    <SettingsLayout>
      <p className="breadcrumb">
        <Link to={`/orgs/${org.id}/settings/users`}>← Users</Link>
      </p>
      <PageHeader
        title={title}
        heading={heading}
        help={`Everything ${isSelf ? "you" : (data?.name ?? "this person")} can reach in ${org.name}, and why: the same engine answers the AI product's checks.`}
      />
      <ErrorText message={report.error ? errorMessage(report.error) : null} />
      {report.isLoading && !data && <Loading />}
      {data && (
        <div className="stack">
          <div className="grid-2">
            <AccessSummary report={data} />
            <PermissionSetsInEffect report={data} />
          </div>
          <ReachTable title="Agents" entries={data.agents} sources={sources} now={now} none="No agents." />
          <ReachTable
            title="Models"
            entries={data.models}
            sources={sources}
            now={now}
            none={data.role === "viewer" ? "None: viewers cannot run agents or tools." : "No AI models."}
            showActions={false}
          />
          <ReachTable
            title="Integrations"
            entries={data.integrations}
            sources={sources}
            now={now}
            none={data.role === "viewer" ? "None: viewers cannot access integrations." : "No integrations."}
            showActions={false}
            extra={{
              header: "Data scope",
              cell: (entry) => (entry.dataScope ? <code>{entry.dataScope}</code> : "all of it"),
            }}
          />
          <div className="grid-2">
            <ReachTable
              title="Knowledge bases"
              entries={data.knowledgeBases}
              sources={sources}
              now={now}
              none="No knowledge bases."
            />
            <ReachTable
              title="Context files"
              entries={data.contextFiles}
              sources={sources}
              now={now}
              none="No context files."
            />
          </div>
          <div className="grid-2">
            <ReachTable
              title="Team spaces"
              entries={data.teamSpaces}
              sources={sources}
              now={now}
              none="No team spaces."
              showActions={false}
              extra={{ header: "Access", cell: (entry) => SPACE_LEVEL_LABELS[entry.level] }}
            />
            <ProjectsReach report={data} details={details} now={now} />
          </div>
          <ReachTable
            title="Files and chats"
            entries={data.files.map((file) => ({
              ...file,
              id: spaceResourceRef(file.type, file.id),
              name: file.id,
            }))}
            sources={sources}
            now={now}
            none="No files or chats of team spaces or projects. Others are decided from what the AI product sends with each check."
            extra={{ header: "Kind", cell: (entry) => (entry.type === "file" ? "File" : "Chat") }}
          />
          <CheckActionForm report={data} isSelf={isSelf} sources={sources} now={now} />
        </div>
      )}
    </SettingsLayout>
  );
}
