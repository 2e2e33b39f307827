/** What each of the seed's list fields names: "claude-4 (model)". */
export const UNMATCHED_NOUNS: Record<string, string> = {
  ai_models: "model",
  ai_model_access: "model",
  add_ai_models: "model",
  integrations: "integration",
  add_integrations: "integration",
  knowledge_base_access: "knowledge base",
  add_knowledge_bases: "knowledge base",
};

/**
 * Names a permission set or a mass update gives that the org does not have yet (the API's `unmatched`,
 * by field), in one line: "Not in this organization yet: quickbooks (integration), …". `written` says
 * they are saved as given (a mass update).
 */
export function UnmatchedNote({
  unmatched,
  written = false,
}: {
  unmatched: Partial<Record<string, string[]>> | undefined;
  written?: boolean;
}) {
  const names = [
    ...new Set(
      Object.entries(unmatched ?? {}).flatMap(([field, list]) =>
        (list ?? []).map((name) => `${name} (${UNMATCHED_NOUNS[field] ?? field})`),
      ),
    ),
  ];
  if (names.length === 0) return null;
  return (
    <p className="hint unmatched-note">
      Not in this organization yet: {names.join(", ")}.{" "}
      {written ? "They are written as given and grant nothing" : "They grant nothing"} until added under
      Resources.
    </p>
  );
}
