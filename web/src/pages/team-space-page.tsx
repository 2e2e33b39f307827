import { errorMessage, isApiError } from "../api/client";
import { getTeamSpace } from "../api/resource-endpoints";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { SpaceAccessCard } from "../components/team-spaces/space-access-card";
import { SpaceResourcesCard } from "../components/team-spaces/space-resources-card";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useOrg } from "../session/org-context";

/** One team space: which teams reach it (full / view / specific resources / none) and what it holds. */
export function TeamSpacePage({ spaceId }: { spaceId: string }) {
  const { org } = useOrg();
  const space = useResource(`team-space:${spaceId}`, () => getTeamSpace(org.id, spaceId));
  const back = `/orgs/${org.id}/settings/team-spaces`;
  const data = space.data;
  return (
    <SettingsLayout>
      <p className="breadcrumb">
        <Link to={back}>← All team spaces</Link>
      </p>
      <PageHeader
        title="Team space"
        heading={data?.name ?? "Team space"}
        help={data?.description ?? undefined}
      />
      {isApiError(space.error, "NOT_FOUND") ? (
        <section className="card">
          <p>
            This team space does not exist any more, or none of your teams reaches it.{" "}
            <Link to={back}>Back to all team spaces</Link>
          </p>
        </section>
      ) : (
        <ErrorText message={space.error ? errorMessage(space.error) : null} />
      )}
      {space.isLoading && !data && <Loading />}
      {data && (
        <div className="grid-2 grid-top">
          <SpaceAccessCard
            key={JSON.stringify([data.updatedAt, data.access, data.resources])}
            space={data}
            onSaved={(saved) => space.setData(() => saved)}
          />
          <SpaceResourcesCard space={data} onChanged={space.reload} />
        </div>
      )}
    </SettingsLayout>
  );
}
