import { Fragment, type ReactNode } from "react";
import type { AccessReport } from "../../api/types";
import { formatSize, ORG_ROLE_DESCRIPTIONS, ORG_ROLE_LABELS, TEAM_ROLE_LABELS } from "../../domain";
import { agentCreationWords } from "../../lib/access-words";
import { UNMATCHED_NOUNS, UnmatchedNote } from "../unmatched-note";

const CREATION = {
  ALLOWED: { label: "Allowed", tone: "allowed" },
  APPROVAL_REQUIRED: { label: "Needs admin approval", tone: "pending" },
} as const;

/** Role, teams, department, agent creation, upload limit and org-wide actions, each with its reason. */
export function AccessSummary({ report }: { report: AccessReport }) {
  const creation = CREATION[report.agentCreation.code as keyof typeof CREATION] ?? {
    label: "Not allowed",
    tone: "denied",
  };
  return (
    <section className="card" aria-labelledby="access-summary-title">
      <h2 id="access-summary-title">Role and limits</h2>
      <dl className="facts facts-wide">
        <dt>Org role</dt>
        <dd>
          <strong className="role-name">{ORG_ROLE_LABELS[report.role]}</strong>
          <span className="hint">{ORG_ROLE_DESCRIPTIONS[report.role]}</span>
        </dd>
        <dt>Teams</dt>
        <dd>
          {report.teams.length === 0 ? (
            <span className="muted">No team</span>
          ) : (
            <ul className="plain-list">
              {report.teams.map((team) => (
                <li key={team.teamId}>
                  {team.name} <span className="muted">· {TEAM_ROLE_LABELS[team.role]}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Department</dt>
        <dd>{report.department ?? <span className="muted">None</span>}</dd>
        <dt>Agent creation</dt>
        <dd>
          <span className={`badge badge-${creation.tone}`}>{creation.label}</span>
          <span className="hint">{report.agentCreation.message}</span>
        </dd>
        <dt>Upload limit</dt>
        <dd>
          {report.role === "viewer"
            ? "No uploads (Viewer role)"
            : report.uploadLimitBytes === null
              ? "No limit"
              : formatSize(report.uploadLimitBytes)}
        </dd>
        <dt>Org-wide actions</dt>
        <dd>
          {report.orgActions.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="code-list">
              {report.orgActions.map((action) => (
                <li key={action}>
                  <code>{action}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

type Rules = AccessReport["permissionSets"][number]["rules"];
type ListField = "ai_models" | "integrations" | "knowledge_base_access";
type Unmatched = Partial<Record<ListField, string[]>>;

/**
 * A set's rules in the seed's JSON words: `ai_models`, `agent_creation`, … Names that match nothing
 * in the org yet (`unmatched`, from the permission set's view) are marked, with a line saying so.
 */
export function RulesList({ rules, unmatched }: { rules: Rules; unmatched?: Unmatched }) {
  const rows: [string, ReactNode][] = [];
  const names = (field: ListField) => {
    const list = rules[field] ?? [];
    if (list.length === 0) return "none";
    const missing = new Set(unmatched?.[field]);
    return list.map((name, i) => (
      <Fragment key={name}>
        {i > 0 && ", "}
        {missing.has(name) ? (
          <span
            className="unmatched"
            title={`No ${UNMATCHED_NOUNS[field]} "${name}" in this organization yet`}
          >
            {name}
          </span>
        ) : (
          name
        )}
      </Fragment>
    ));
  };
  if (rules.ai_models) rows.push(["ai_models", names("ai_models")]);
  if (rules.integrations) rows.push(["integrations", names("integrations")]);
  if (rules.agent_creation !== undefined)
    rows.push([
      "agent_creation",
      `${JSON.stringify(rules.agent_creation)} (${agentCreationWords(rules.agent_creation).toLowerCase()})`,
    ]);
  if (rules.file_upload_limit !== undefined)
    rows.push(["file_upload_limit", String(rules.file_upload_limit)]);
  if (rules.knowledge_base_access) rows.push(["knowledge_base_access", names("knowledge_base_access")]);
  if (rows.length === 0) return <span className="muted">Governs nothing</span>;
  return (
    <>
      <ul className="rules">
        {rows.map(([field, value]) => (
          <li key={field}>
            <code>{field}</code> {value}
          </li>
        ))}
      </ul>
      <UnmatchedNote unmatched={unmatched} />
    </>
  );
}

/** The permission sets in effect and where each comes from ("from department marketing"). */
export function PermissionSetsInEffect({ report }: { report: AccessReport }) {
  return (
    <section className="card" aria-labelledby="sets-in-effect-title">
      <h2 id="sets-in-effect-title">Permission sets in effect</h2>
      {report.permissionSets.length === 0 ? (
        <p className="empty">
          None:{" "}
          {report.role === "admin"
            ? "admins are not narrowed by permission sets"
            : "the role's defaults apply"}
          .
        </p>
      ) : (
        <ul className="set-list">
          {report.permissionSets.map((set) => (
            <li key={set.setId}>
              <p className="set-head">
                <code className="cell-title">{set.key}</code> <span className="muted">{set.name}</span>
                <span className="set-from">
                  {set.from === "assigned to them" ? "assigned to them" : `from ${set.from}`}
                </span>
              </p>
              <RulesList rules={set.rules} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
