import { useId } from "react";
import type { PermissionSetRules } from "../../api/types";
import { ChipsField } from "../chips";

/** The form's view of a set's rules: null for a field the set leaves alone (the role's default). */
export type RuleForm = {
  aiModels: string[] | null;
  integrations: string[] | null;
  knowledgeBases: string[] | null;
  agentCreation: "" | "true" | "false" | "admin_approval";
  uploadLimit: string;
};

export function ruleFormOf(rules: PermissionSetRules | undefined): RuleForm {
  const creation = rules?.agent_creation;
  return {
    aiModels: rules?.ai_models ?? null,
    integrations: rules?.integrations ?? null,
    knowledgeBases: rules?.knowledge_base_access ?? null,
    agentCreation:
      creation === undefined ? "" : creation === "admin_approval" ? creation : creation ? "true" : "false",
    uploadLimit: rules?.file_upload_limit === undefined ? "" : String(rules.file_upload_limit),
  };
}

/** Back to the seed's format; fields left alone are left out. */
export function rulesOf(form: RuleForm): PermissionSetRules {
  const rules: PermissionSetRules = {};
  if (form.aiModels) rules.ai_models = form.aiModels;
  if (form.integrations) rules.integrations = form.integrations;
  if (form.agentCreation !== "")
    rules.agent_creation =
      form.agentCreation === "admin_approval" ? "admin_approval" : form.agentCreation === "true";
  if (form.uploadLimit.trim()) rules.file_upload_limit = form.uploadLimit.trim();
  if (form.knowledgeBases) rules.knowledge_base_access = form.knowledgeBases;
  return rules;
}

type ListRuleProps = {
  field: string;
  description: string;
  values: string[] | null;
  onChange: (values: string[] | null) => void;
  suggestions: string[];
};

/** A list rule (`ai_models`, …): left alone, or limited to the listed keys. */
export function ListRuleField({ field, description, values, onChange, suggestions }: ListRuleProps) {
  const toggleId = useId();
  return (
    <fieldset className="fieldset rule-field">
      <legend>
        <code>{field}</code>
      </legend>
      <label className="toggle" htmlFor={toggleId}>
        <input
          id={toggleId}
          type="checkbox"
          checked={values !== null}
          onChange={(event) => onChange(event.target.checked ? [] : null)}
        />
        {description}
      </label>
      {values !== null && (
        <ChipsField
          label={<span className="visually-hidden">{field}</span>}
          values={values}
          onChange={onChange}
          suggestions={suggestions}
          placeholder="Type a key and press Enter"
        />
      )}
    </fieldset>
  );
}

type RuleFieldsProps = {
  form: RuleForm;
  onChange: (form: RuleForm) => void;
  suggestions: { models: string[]; integrations: string[]; knowledgeBases: string[] };
};

/** Every field of the seed's format, each optional. */
export function RuleFields({ form, onChange, suggestions }: RuleFieldsProps) {
  const ids = { creation: useId(), limit: useId() };
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => onChange({ ...form, [key]: value });
  return (
    <>
      <ListRuleField
        field="ai_models"
        description="Only these AI models"
        values={form.aiModels}
        onChange={(v) => set("aiModels", v)}
        suggestions={suggestions.models}
      />
      <ListRuleField
        field="integrations"
        description="Only these integrations (when not shared with their team)"
        values={form.integrations}
        onChange={(v) => set("integrations", v)}
        suggestions={suggestions.integrations}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.creation}>
            <code>agent_creation</code>
          </label>
          <select
            id={ids.creation}
            className="select"
            value={form.agentCreation}
            onChange={(event) => set("agentCreation", event.target.value as RuleForm["agentCreation"])}
          >
            <option value="">Not set (the role decides)</option>
            <option value="true">true: allowed</option>
            <option value="admin_approval">"admin_approval": an admin approves</option>
            <option value="false">false: not allowed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.limit}>
            <code>file_upload_limit</code>
          </label>
          <input
            id={ids.limit}
            className="input"
            value={form.uploadLimit}
            placeholder="100MB"
            onChange={(event) => set("uploadLimit", event.target.value)}
          />
        </div>
      </div>
      <ListRuleField
        field="knowledge_base_access"
        description="Only these knowledge bases (keys, or public)"
        values={form.knowledgeBases}
        onChange={(v) => set("knowledgeBases", v)}
        suggestions={["public", ...suggestions.knowledgeBases]}
      />
    </>
  );
}
