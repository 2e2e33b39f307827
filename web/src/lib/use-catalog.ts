import { listAgents, listIntegrations, listKnowledgeBases, listModels } from "../api/resource-endpoints";
import { useOrg } from "../session/org-context";
import { listAll } from "./list-all";
import { useResource } from "./use-resource";

/**
 * The org's agents, integrations, AI models and knowledge bases the person may see, for pickers and
 * key suggestions. Loaded when `enabled` (a dialog that needs them is open).
 */
export function useCatalog(enabled = true) {
  const { org } = useOrg();
  const key = (name: string) => (enabled ? `${name}:${org.id}` : null);
  const agents = useResource(key("catalog-agents"), () => listAll((c) => listAgents(org.id, c)));
  const integrations = useResource(key("catalog-integrations"), () =>
    listAll((c) => listIntegrations(org.id, c)),
  );
  const models = useResource(key("catalog-models"), () => listAll((c) => listModels(org.id, c)));
  const knowledgeBases = useResource(key("catalog-kbs"), () => listAll((c) => listKnowledgeBases(org.id, c)));
  return {
    agents: agents.data ?? [],
    integrations: integrations.data ?? [],
    models: models.data ?? [],
    knowledgeBases: knowledgeBases.data ?? [],
    keys: {
      models: (models.data ?? []).map((m) => m.key),
      integrations: (integrations.data ?? []).map((i) => i.key),
      knowledgeBases: (knowledgeBases.data ?? []).map((k) => k.key),
    },
  };
}
