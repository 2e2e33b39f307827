import { useEffect, useState } from "react";
import { errorMessage } from "../api/client";
import { listTeams } from "../api/endpoints";
import {
  getGroupMapping,
  type MappingChange,
  type MappingRule,
  type OrgRoleName,
  previewGroupMapping,
  saveGroupMapping,
  type TeamRoleName,
} from "../api/group-mapping-endpoints";
import { useAnnounce } from "../components/announcer";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

const EMPTY: MappingRule = { group: "", role: null, teamId: null, teamRole: null, department: null };

function describeChange(change: MappingChange): string {
  const parts: string[] = [];
  if (change.role) parts.push(`role ${change.role.from} → ${change.role.to}`);
  if (change.department)
    parts.push(`department ${change.department.from ?? "none"} → ${change.department.to}`);
  for (const team of change.teams) {
    if (team.from === null) parts.push(`joins ${team.teamName} as ${team.to}`);
    else if (team.to === null) parts.push(`leaves ${team.teamName}`);
    else parts.push(`${team.teamName}: ${team.from} → ${team.to}`);
  }
  return parts.join("; ");
}

/**
 * Settings → Group mapping: directory groups (from SSO and SCIM) to org role, team and team role, and
 * department. Preview shows who gains and loses what before Save applies it.
 */
export function GroupMappingPage() {
  const { org } = useOrg();
  const announce = useAnnounce();
  const mapping = useResource(`group-mapping:${org.id}`, () => getGroupMapping(org.id));
  const teams = useResource(`teams:${org.id}`, () => listTeams(org.id));
  const [rules, setRules] = useState<MappingRule[] | null>(null);
  const [preview, setPreview] = useState<{ members: MappingChange[]; membersChecked: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [heldBack, setHeldBack] = useState<string[]>([]);

  useEffect(() => {
    if (mapping.data && rules === null) setRules(mapping.data.rules);
  }, [mapping.data, rules]);

  const clean = (list: MappingRule[]) =>
    list
      .filter((r) => r.group.trim() !== "")
      .map((r) => ({ ...r, department: r.department?.trim() ? r.department.trim() : null }));
  const update = (index: number, change: Partial<MappingRule>) => {
    setPreview(null);
    setRules((current) => (current ?? []).map((r, i) => (i === index ? { ...r, ...change } : r)));
  };
  const run = async (action: "preview" | "save") => {
    setError(null);
    try {
      if (action === "preview") setPreview(await previewGroupMapping(org.id, clean(rules ?? [])));
      else {
        const saved = await saveGroupMapping(org.id, clean(rules ?? []));
        setRules(saved.rules);
        setHeldBack(saved.heldBack);
        setPreview(null);
        announce(`Group mapping saved; ${saved.applied.length} member(s) updated.`);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Group mapping"
        help="Directory groups from SSO sign-ins and SCIM decide org roles, teams and departments. The highest role among a person's groups applies; teams named here follow the groups; the last admin and a team's last owner are never removed."
      />
      <ErrorText message={error ?? (mapping.error ? errorMessage(mapping.error) : null)} />
      {rules === null && <Loading />}
      {rules !== null && (
        <section className="card" aria-labelledby="mapping-rules">
          <h2 id="mapping-rules">Rules</h2>
          {rules.length === 0 && <p className="empty">No rules yet: directory groups change nothing.</p>}
          {rules.map((rule, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
            <fieldset key={index} className="mapping-rule">
              <legend className="visually-hidden">Rule {index + 1}</legend>
              <label>
                Group
                <input
                  className="input"
                  value={rule.group}
                  onChange={(e) => update(index, { group: e.target.value })}
                />
              </label>
              <label>
                Role
                <select
                  className="select"
                  value={rule.role ?? ""}
                  onChange={(e) => update(index, { role: (e.target.value || null) as OrgRoleName | null })}
                >
                  <option value="">Leave alone</option>
                  <option value="viewer">Viewer</option>
                  <option value="member">User</option>
                  <option value="admin">Admin</option>
                </select>
              </label>
              <label>
                Team
                <select
                  className="select"
                  value={rule.teamId ?? ""}
                  onChange={(e) =>
                    update(index, {
                      teamId: e.target.value || null,
                      teamRole: e.target.value ? (rule.teamRole ?? "member") : null,
                    })
                  }
                >
                  <option value="">None</option>
                  {(teams.data?.items ?? []).map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Team role
                <select
                  className="select"
                  value={rule.teamRole ?? ""}
                  disabled={rule.teamId === null}
                  onChange={(e) =>
                    update(index, { teamRole: (e.target.value || null) as TeamRoleName | null })
                  }
                >
                  <option value="">—</option>
                  <option value="member">Member</option>
                  <option value="admin">Admin</option>
                  <option value="owner">Owner</option>
                </select>
              </label>
              <label>
                Department
                <input
                  className="input"
                  value={rule.department ?? ""}
                  onChange={(e) => update(index, { department: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setPreview(null);
                  setRules(rules.filter((_, i) => i !== index));
                }}
              >
                Remove rule {index + 1}
              </button>
            </fieldset>
          ))}
          <div className="mapping-actions">
            <button type="button" className="button" onClick={() => setRules([...rules, { ...EMPTY }])}>
              Add rule
            </button>
            <button type="button" className="button" onClick={() => run("preview")}>
              Preview
            </button>
            <button type="button" className="button button-primary" onClick={() => run("save")}>
              Save
            </button>
          </div>
        </section>
      )}
      {preview && (
        <section className="card" aria-labelledby="mapping-preview">
          <h2 id="mapping-preview">Preview</h2>
          <p>
            {preview.members.length} of {preview.membersChecked} member(s) with known groups would change.
          </p>
          <ul>
            {preview.members.map((m) => (
              <li key={m.userId}>
                <strong>{m.name}</strong> ({m.email}): {describeChange(m)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {heldBack.length > 0 && (
        <section className="card" aria-labelledby="mapping-held">
          <h2 id="mapping-held">Held back for safety</h2>
          <ul>
            {heldBack.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </section>
      )}
    </SettingsLayout>
  );
}
