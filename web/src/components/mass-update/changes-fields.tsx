import { useId } from "react";
import type { MassUpdateInput } from "../../api/types";
import { useCatalog } from "../../lib/use-catalog";
import { ChipsField } from "../chips";

export type ChangesForm = {
  addIntegrations: string[];
  removeIntegrations: string[];
  modelAccess: string[];
  addModels: string[];
  uploadLimit: string;
  agentCreation: "" | "true" | "false" | "admin_approval";
  kbAccess: string[];
  addKbs: string[];
};

export const NO_CHANGES: ChangesForm = {
  addIntegrations: [],
  removeIntegrations: [],
  modelAccess: [],
  addModels: [],
  uploadLimit: "",
  agentCreation: "",
  kbAccess: [],
  addKbs: [],
};

/** The seed's `changes` object; a field left empty is not sent (nothing changes there). */
export function changesOf(form: ChangesForm): MassUpdateInput["changes"] {
  const changes: MassUpdateInput["changes"] = {};
  if (form.addIntegrations.length) changes.add_integrations = form.addIntegrations;
  if (form.removeIntegrations.length) changes.remove_integrations = form.removeIntegrations;
  if (form.modelAccess.length) changes.ai_model_access = form.modelAccess;
  if (form.addModels.length) changes.add_ai_models = form.addModels;
  if (form.uploadLimit.trim()) changes.file_upload_limit = form.uploadLimit.trim();
  if (form.agentCreation)
    changes.agent_creation =
      form.agentCreation === "admin_approval" ? "admin_approval" : form.agentCreation === "true";
  if (form.kbAccess.length) changes.knowledge_base_access = form.kbAccess;
  if (form.addKbs.length) changes.add_knowledge_bases = form.addKbs;
  return changes;
}

/** Every change the bulk operation knows, named as in the seed's JSON. */
export function ChangesFields({
  form,
  onChange,
}: {
  form: ChangesForm;
  onChange: (form: ChangesForm) => void;
}) {
  const catalog = useCatalog();
  const ids = { limit: useId(), creation: useId() };
  const set =
    <K extends keyof ChangesForm>(key: K) =>
    (value: ChangesForm[K]) =>
      onChange({ ...form, [key]: value });
  const code = (name: string) => <code>{name}</code>;
  return (
    <fieldset className="fieldset form-group">
      <legend>Changes</legend>
      <div className="field-row field-row-even">
        <ChipsField
          label={code("add_integrations")}
          values={form.addIntegrations}
          onChange={set("addIntegrations")}
          suggestions={catalog.keys.integrations}
          placeholder="instagram"
        />
        <ChipsField
          label={code("remove_integrations")}
          values={form.removeIntegrations}
          onChange={set("removeIntegrations")}
          suggestions={catalog.keys.integrations}
        />
        <ChipsField
          label={code("ai_model_access")}
          values={form.modelAccess}
          onChange={set("modelAccess")}
          suggestions={catalog.keys.models}
          placeholder="gpt-4"
          hint="Replaces their own list of models."
        />
        <ChipsField
          label={code("add_ai_models")}
          values={form.addModels}
          onChange={set("addModels")}
          suggestions={catalog.keys.models}
        />
        <div className="field">
          <label htmlFor={ids.limit}>{code("file_upload_limit")}</label>
          <input
            id={ids.limit}
            className="input"
            value={form.uploadLimit}
            placeholder="200MB"
            onChange={(e) => set("uploadLimit")(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.creation}>{code("agent_creation")}</label>
          <select
            id={ids.creation}
            className="select"
            value={form.agentCreation}
            onChange={(e) => set("agentCreation")(e.target.value as ChangesForm["agentCreation"])}
          >
            <option value="">Leave as it is</option>
            <option value="true">true: allowed</option>
            <option value="admin_approval">"admin_approval": an admin approves</option>
            <option value="false">false: not allowed</option>
          </select>
        </div>
        <ChipsField
          label={code("knowledge_base_access")}
          values={form.kbAccess}
          onChange={set("kbAccess")}
          suggestions={["public", ...catalog.keys.knowledgeBases]}
          hint="Replaces their own list of knowledge bases."
        />
        <ChipsField
          label={code("add_knowledge_bases")}
          values={form.addKbs}
          onChange={set("addKbs")}
          suggestions={catalog.keys.knowledgeBases}
        />
      </div>
    </fieldset>
  );
}
