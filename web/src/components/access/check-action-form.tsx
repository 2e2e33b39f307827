import { type FormEvent, useId, useState } from "react";
import { checkAccess, getCapabilities } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { AccessReport, Capability, CheckRequest, Decision } from "../../api/types";
import { explainAll, leftUntil, type SetSources } from "../../lib/access-words";
import { formatDate } from "../../lib/format";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../session/org-context";
import { ErrorText } from "../error-text";
import { StatusBadge } from "../status-badge";
import { TextField } from "../text-field";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Resource types that may be named by key as well as by id. */
const BY_KEY = new Set(["agent", "knowledge_base", "integration", "model", "team_space"]);
const RESOURCE_WORDS: Record<string, string> = {
  agent: "Agent",
  context_file: "Context file",
  knowledge_base: "Knowledge base",
  integration: "Integration",
  model: "Model",
  team_space: "Team space",
  team: "Team",
  conversation: "Conversation",
  file: "File",
};

function suggestionsFor(type: string, report: AccessReport): string[] {
  const keyed = (list: { id: string; key?: string }[]) => list.map((entry) => entry.key ?? entry.id);
  switch (type) {
    case "agent":
      return keyed(report.agents);
    case "model":
      return keyed(report.models);
    case "integration":
      return keyed(report.integrations);
    case "knowledge_base":
      return keyed(report.knowledgeBases);
    case "team_space":
      return keyed(report.teamSpaces);
    case "context_file":
      return report.contextFiles.map((file) => file.id);
    case "team":
      return report.teams.map((team) => team.teamId);
    default:
      return [];
  }
}

function groupsOf(capabilities: Capability[]): [string, Capability[]][] {
  const groups = new Map<string, Capability[]>();
  for (const capability of capabilities) {
    groups.set(capability.group, [...(groups.get(capability.group) ?? []), capability]);
  }
  return [...groups];
}

type CheckProps = { report: AccessReport; isSelf: boolean; sources: SetSources; now: number };

/** "May they …?": asks the decision API (POST /check) and shows the answer with its reason and grants. */
export function CheckActionForm({ report, isSelf, sources, now }: CheckProps) {
  const { org, isAdmin } = useOrg();
  const ids = { action: useId(), list: useId() };
  const capabilities = useResource("capabilities", getCapabilities);
  const [action, setAction] = useState("models:use");
  const [resource, setResource] = useState("");
  const [dataScope, setDataScope] = useState("");
  const [answer, setAnswer] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const capability = capabilities.data?.items.find((c) => c.action === action);
  const type = capability?.resource ?? "org";
  const suggestions = suggestionsFor(type, report);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ref = resource.trim();
    const named = type === "org" ? {} : BY_KEY.has(type) && !UUID.test(ref) ? { key: ref } : { id: ref };
    const check: CheckRequest = {
      action,
      resource: { type: type as CheckRequest["resource"]["type"], ...named },
      ...(isAdmin && report.userId && { subject: { type: "user" as const, id: report.userId } }),
      ...(dataScope.trim() && { context: { dataScope: dataScope.trim() } }),
    };
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await checkAccess(org.id, check));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="check-title">
      <h2 id="check-title">Check an action</h2>
      <p className="muted small">
        Asks the decision API what {isSelf ? "you" : report.name} may do, with the reason and the grants that
        decide it.
      </p>
      <form className="check-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select
            id={ids.action}
            className="select"
            value={action}
            onChange={(event) => {
              setAction(event.target.value);
              setAnswer(null);
            }}
          >
            {groupsOf(
              capabilities.data?.items ?? [
                { action, resource: "model", group: "", roles: [], teamRoles: [], seed: "" },
              ],
            ).map(([group, items]) => (
              <optgroup key={group} label={group || "Actions"}>
                {items.map((c) => (
                  <option key={c.action} value={c.action}>
                    {c.action}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {capability && <p className="hint">{capability.seed}</p>}
        </div>
        {type === "org" ? (
          <p className="hint check-org">About the organization as a whole: no resource to name.</p>
        ) : (
          <div className="field">
            <label htmlFor={`${ids.list}-input`}>
              {RESOURCE_WORDS[type] ?? type} {BY_KEY.has(type) ? "(key or id)" : "(id)"}
            </label>
            <input
              id={`${ids.list}-input`}
              className="input"
              required
              value={resource}
              list={suggestions.length > 0 ? ids.list : undefined}
              onChange={(event) => setResource(event.target.value)}
            />
            <datalist id={ids.list}>
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
        )}
        {action === "integrations:use" && (
          <TextField
            label="Data scope"
            optional
            value={dataScope}
            onChange={setDataScope}
            placeholder="read_leads"
          />
        )}
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? "Checking…" : "Check"}
        </button>
      </form>
      <ErrorText message={error ?? (capabilities.error ? errorMessage(capabilities.error) : null)} />
      {answer && (
        <div className={`check-answer ${answer.allowed ? "check-allowed" : "check-denied"}`} role="status">
          <p>
            <StatusBadge status={answer.allowed ? "allowed" : "denied"} /> <code>{answer.reason.code}</code>
          </p>
          <p>{answer.reason.message}</p>
          {answer.via.length > 0 && (
            <p className="small">
              <strong>Decided by:</strong> {explainAll(answer.via, sources)}
            </p>
          )}
          {answer.expiresAt && (
            <p className="small">
              Until {formatDate(answer.expiresAt)} ({leftUntil(answer.expiresAt, now)}).
            </p>
          )}
        </div>
      )}
    </section>
  );
}
