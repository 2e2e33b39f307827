import type { Executor } from "../../db/client.js";
import { findMembersIn, findTeamsByRef } from "../../db/queries/permission-sets.js";
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

/**
 * Checks members against the org: people (by user id) and teams (by id, or by name as the sharing
 * document names them) must be of it; departments are free labels. Teams come back as their ids.
 */
export async function resolveMembers(
  db: Executor,
  orgId: string,
  input: readonly ProjectMemberInput[],
): Promise<ProjectMemberInput[]> {
  const given = input.map((m) => ({
    type: m.type,
    ref: m.type === "department" ? departmentKey(m.ref) : m.ref.trim(),
  }));
  if (given.length > MAX_ENTRIES || given.some((m) => m.ref.length === 0 || m.ref.length > 64)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `A project has at most ${MAX_ENTRIES} members, each a user id, a team id or name, or a department label of up to 64 characters.`,
      details: { field: "members" },
    });
  }
  const refs = (type: ProjectMemberType) => given.filter((m) => m.type === type).map((m) => m.ref);
  const teamRefs = refs("team");
  const [teams, users] = await Promise.all([
    findTeamsByRef(db, orgId, teamRefs),
    findMembersIn(db, orgId, refs("user")),
  ]);
  const teamIdOf = (ref: string) => teams.get(ref)?.id;
  const missing = [
    ...teamRefs.filter((ref) => teamIdOf(ref) === undefined),
    ...refs("user").filter((id) => !users.some((u) => u.id === id)),
  ];
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", {
      message: `No team or member ${missing.join(", ")} in this organization. Name a team by its id or its name and a person by their user id (GET /api/v1/orgs/${orgId}/teams and /members list them).`,
      details: { field: "members", refs: missing },
    });
  }
  const members = given.map((m) => (m.type === "team" ? { ...m, ref: teamIdOf(m.ref) as string } : m));
  // The same member given twice (a team by its id and by its name, say) is listed once.
  return [...new Map(members.map((m) => [`${m.type}\u0000${m.ref}`, m])).values()];
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
