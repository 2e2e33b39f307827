import type { TeamSpaceDetail } from "../../api/types";
import { type SpaceResourceType, spaceResourceRef } from "../../domain";
import { useCatalog } from "../../lib/use-catalog";

export const SPACE_RESOURCE_LABELS: Record<SpaceResourceType, string> = {
  agent: "Agent",
  integration: "Integration",
  knowledge_base: "Knowledge base",
  file: "File",
  conversation: "Conversation",
};

export type SpaceResource = TeamSpaceDetail["resources"][number];

/** A space's resource as one string, as the access card keeps its choices: `agent:<id>`. */
export const resourceRefOf = (r: SpaceResource) => spaceResourceRef(r.resourceType, r.resourceId);

/**
 * The org's agents, integrations and knowledge bases, and a space resource's name: theirs by id, the
 * AI product's files and chats by their own id.
 */
export function useSpaceResourceNames() {
  const catalog = useCatalog();
  const known: Partial<Record<SpaceResourceType, { id: string; name: string; key: string }[]>> = {
    agent: catalog.agents,
    integration: catalog.integrations,
    knowledge_base: catalog.knowledgeBases,
  };
  const nameOf = (type: SpaceResourceType, id: string) => known[type]?.find((r) => r.id === id)?.name ?? id;
  return { known, nameOf };
}
