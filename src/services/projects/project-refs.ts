import type { Executor } from "../../db/client.js";
import { findMembersIn, findTeamsIn } from "../../db/queries/permission-sets.js";
import { findRegistered, type RegistryTable } from "../../db/queries/projects.js";
import {
  departmentKey,
  type ProjectMemberType,
  type ProjectResourceType,
} from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import type { ProjectMemberInput, ProjectResourceInput } from "./project-views.js";

/** What a project's members and resources name, checked against the org before they are written. */

const REGISTRY: Record<Exclude<ProjectResourceType, "file">, RegistryTable> = {
  agent: "agents",
  integration: "integrations",
  knowledge_base: "knowledge_bases",
};

const MAX_ENTRIES = 500;

/** Checks members against the org: people and teams must be of it; departments are free labels. */
export async function resolveMembers(
  db: Executor,
  orgId: string,
  input: readonly ProjectMemberInput[],
): Promise<ProjectMemberInput[]> {
  const members = [
    ...new Map(
      input.map((m) => {
        const ref = m.type === "department" ? departmentKey(m.ref) : m.ref.trim();
        return [`${m.type}\u0000${ref}`, { type: m.type, ref }];
      }),
    ).values(),
  ];
  if (members.length > MAX_ENTRIES || members.some((m) => m.ref.length === 0 || m.ref.length > 64)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `A project has at most ${MAX_ENTRIES} members, each a user id, a team id or a department label of up to 64 characters.`,
      details: { field: "members" },
    });
  }
  const refs = (type: ProjectMemberType) => members.filter((m) => m.type === type).map((m) => m.ref);
  const [teams, users] = await Promise.all([
    findTeamsIn(db, orgId, refs("team")),
    findMembersIn(db, orgId, refs("user")),
  ]);
  const missing = [
    ...refs("team").filter((id) => !teams.some((t) => t.id === id)),
    ...refs("user").filter((id) => !users.some((u) => u.id === id)),
  ];
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", {
      message: `No team or member ${missing.join(", ")} in this organization. Check the members' ids.`,
      details: { field: "members", refs: missing },
    });
  }
  return members;
}

/** Resolves agents, integrations and knowledge bases given by key to their ids; all must be of the org. */
export async function resolveResources(
  db: Executor,
  orgId: string,
  input: readonly ProjectResourceInput[],
): Promise<{ type: ProjectResourceType; id: string }[]> {
  if (input.length > MAX_ENTRIES) {
    throw new AppError("VALIDATION_FAILED", {
      message: `A project has at most ${MAX_ENTRIES} resources.`,
      details: { field: "resources" },
    });
  }
  for (const r of input) {
    const ok =
      r.type === "file"
        ? r.id !== undefined && r.key === undefined
        : (r.id === undefined) !== (r.key === undefined);
    if (!ok) {
      throw new AppError("VALIDATION_FAILED", {
        message:
          r.type === "file"
            ? 'Name each file by its id in the AI product: {type: "file", id}.'
            : `Name each ${r.type.replace("_", " ")} by its id or by its key, not both.`,
        details: { field: "resources" },
      });
    }
  }
  const out: { type: ProjectResourceType; id: string }[] = [];
  const missing: string[] = [];
  for (const [type, table] of Object.entries(REGISTRY) as [
    Exclude<ProjectResourceType, "file">,
    RegistryTable,
  ][]) {
    const wanted = input.filter((r) => r.type === type);
    if (wanted.length === 0) continue;
    const found = await findRegistered(db, orgId, table, {
      ids: wanted.flatMap((r) => (r.id === undefined ? [] : [r.id])),
      keys: wanted.flatMap((r) => (r.key === undefined ? [] : [r.key])),
    });
    for (const r of wanted) {
      const entry = found.find((f) => (r.id !== undefined ? f.id === r.id : f.key === r.key));
      if (entry) out.push({ type, id: entry.id });
      else missing.push(`${type} ${r.key ?? r.id}`);
    }
  }
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", {
      message: `No ${missing.join(", ")} in this organization. Register it first, or check its id or key.`,
      details: { field: "resources", missing },
    });
  }
  for (const r of input) if (r.type === "file") out.push({ type: "file", id: (r.id as string).trim() });
  return [...new Map(out.map((r) => [`${r.type}\u0000${r.id}`, r])).values()];
}
