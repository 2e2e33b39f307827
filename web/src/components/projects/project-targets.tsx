import type { ProjectMemberInput, ProjectResourceInput } from "../../api/access-endpoints";
import type { Project } from "../../api/types";
import { useCatalog } from "../../lib/use-catalog";
import { useDirectory } from "../../lib/use-directory";
import { ChipsField, MultiPicker } from "../chips";

/** Who is in a project and what it opens, as the form holds them (keys for the catalog, ids for files). */
export type Targets = {
  userIds: string[];
  teamIds: string[];
  departments: string[];
  agents: string[];
  integrations: string[];
  knowledgeBases: string[];
  files: string[];
};

export function targetsOf(project: Project | null): Targets {
  const members = (type: string) => project?.members.filter((m) => m.type === type).map((m) => m.ref) ?? [];
  const resources = (type: string) =>
    project?.resources.filter((r) => r.type === type).map((r) => r.key ?? r.id) ?? [];
  return {
    userIds: members("user"),
    teamIds: members("team"),
    departments: members("department"),
    agents: resources("agent"),
    integrations: resources("integration"),
    knowledgeBases: resources("knowledge_base"),
    files: resources("file"),
  };
}

export function membersOf(t: Targets): ProjectMemberInput[] {
  return [
    ...t.userIds.map((ref) => ({ type: "user" as const, ref })),
    ...t.teamIds.map((ref) => ({ type: "team" as const, ref })),
    ...t.departments.map((ref) => ({ type: "department" as const, ref })),
  ];
}

export function resourcesOf(t: Targets): ProjectResourceInput[] {
  return [
    ...t.agents.map((key) => ({ type: "agent" as const, key })),
    ...t.integrations.map((key) => ({ type: "integration" as const, key })),
    ...t.knowledgeBases.map((key) => ({ type: "knowledge_base" as const, key })),
    ...t.files.map((id) => ({ type: "file" as const, id })),
  ];
}

/** Members (people, teams, departments) and resources (agents, integrations, knowledge bases, files). */
export function ProjectTargetFields({ value, onChange }: { value: Targets; onChange: (t: Targets) => void }) {
  const directory = useDirectory();
  const catalog = useCatalog();
  const set = (key: keyof Targets) => (values: string[]) => onChange({ ...value, [key]: values });
  const byKey = (items: { key: string; name: string }[]) =>
    items.map((item) => ({
      value: item.key,
      label: item.name === item.key ? item.key : `${item.name} (${item.key})`,
    }));
  return (
    <>
      <fieldset className="fieldset form-group">
        <legend>Members</legend>
        <MultiPicker
          label="People"
          prompt="Add a person…"
          options={directory.peopleOptions}
          values={value.userIds}
          onChange={set("userIds")}
        />
        <MultiPicker
          label="Teams"
          prompt="Add a team…"
          options={directory.teamOptions}
          values={value.teamIds}
          onChange={set("teamIds")}
        />
        <ChipsField
          label="Departments"
          values={value.departments}
          onChange={set("departments")}
          placeholder="engineering"
          hint="Everyone in these departments, now or later. Press Enter after each."
        />
      </fieldset>
      <fieldset className="fieldset form-group">
        <legend>Resources</legend>
        <MultiPicker
          label="Agents"
          prompt="Add an agent…"
          options={byKey(catalog.agents)}
          values={value.agents}
          onChange={set("agents")}
        />
        <MultiPicker
          label="Integrations"
          prompt="Add an integration…"
          options={byKey(catalog.integrations)}
          values={value.integrations}
          onChange={set("integrations")}
        />
        <MultiPicker
          label="Knowledge bases"
          prompt="Add a knowledge base…"
          options={byKey(catalog.knowledgeBases)}
          values={value.knowledgeBases}
          onChange={set("knowledgeBases")}
        />
        <ChipsField
          label="Files"
          values={value.files}
          onChange={set("files")}
          placeholder="spec-2026-q3"
          hint="The AI product's file ids: project docs, specs, designs."
        />
      </fieldset>
    </>
  );
}
