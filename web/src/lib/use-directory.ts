import { listMembers, listTeams } from "../api/endpoints";
import { useOrg } from "../session/org-context";
import { listAll } from "./list-all";
import { useResource } from "./use-resource";

/**
 * The org's teams and people, for pickers and for naming ids: read only when the person may read
 * them (viewers do not see the member directory).
 */
export function useDirectory() {
  const { org, can } = useOrg();
  const teams = useResource(can("teams:read") ? `teams:${org.id}` : null, () => listTeams(org.id));
  const people = useResource(can("members:read") ? `all-members:${org.id}` : null, () =>
    listAll((cursor) => listMembers(org.id, cursor)),
  );
  const teamList = teams.data?.items ?? [];
  const peopleList = people.data ?? [];
  return {
    teams: teamList,
    people: peopleList,
    teamOptions: teamList.map((team) => ({ value: team.id, label: team.name })),
    peopleOptions: peopleList.map((person) => ({
      value: person.userId,
      label: `${person.name} (${person.email})`,
    })),
    teamName: (id: string) => teamList.find((team) => team.id === id)?.name ?? "a team",
    personName: (id: string) => peopleList.find((person) => person.userId === id)?.name ?? "someone",
    reload: () => {
      teams.reload();
      people.reload();
    },
  };
}
