import type { Executor } from "../../db/client.js";
import { findMembersIn, findTeamsIn } from "../../db/queries/permission-sets.js";
import {
  findProject,
  findRegistered,
  listProjectMembers,
  listProjectResources,
  type ProjectRow,
  type ProjectStatus,
} from "../../db/queries/projects.js";
import { describeRemaining } from "../../domain/access/durations.js";
import { projectStatusAt } from "../../domain/access/policy.js";
import type { ProjectMemberType, ProjectResourceType } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { canConfigurePolicies } from "../permission-sets/permission-set-views.js";

export type ProjectMemberInput = { type: ProjectMemberType; ref: string };
/** Agents, integrations and knowledge bases by id or key; files by the AI product's own id. */
export type ProjectResourceInput = { type: ProjectResourceType; id?: string; key?: string };

export type ProjectView = {
  id: string;
  name: string;
  description: string | null;
  status: ProjectStatus;
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  /** Seconds until access ends by itself (0 once it has ended): the console's countdown. */
  remainingSeconds: number;
  remaining: string;
  members: { type: ProjectMemberType; ref: string; name: string | null }[];
  resources: { type: ProjectResourceType; id: string; key: string | null; name: string | null }[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** As the decision engine reads it (projectStatusAt): over at endsAt, or at once when ended early. */
export function projectStatus(
  row: Pick<ProjectRow, "starts_at" | "ends_at" | "ended_at">,
  nowMs: number,
): ProjectStatus {
  return projectStatusAt(
    {
      startsAtMs: Date.parse(row.starts_at),
      endsAtMs: Date.parse(row.ends_at),
      endedAtMs: row.ended_at === null ? null : Date.parse(row.ended_at),
    },
    nowMs,
  );
}

export async function toProjectViews(
  db: Executor,
  orgId: string,
  rows: readonly ProjectRow[],
  nowMs: number,
): Promise<ProjectView[]> {
  const ids = rows.map((r) => r.id);
  const [members, resources] = await Promise.all([
    listProjectMembers(db, ids),
    listProjectResources(db, ids),
  ]);
  const refsOf = (type: string) => [
    ...new Set(members.filter((m) => m.member_type === type).map((m) => m.member_ref)),
  ];
  const resourceIds = (type: ProjectResourceType) => [
    ...new Set(resources.filter((r) => r.resource_type === type).map((r) => r.resource_id)),
  ];
  const [teams, users, agents, integrations, knowledgeBases] = await Promise.all([
    findTeamsIn(db, orgId, refsOf("team")),
    findMembersIn(db, orgId, refsOf("user")),
    findRegistered(db, orgId, "agents", { ids: resourceIds("agent"), keys: [] }),
    findRegistered(db, orgId, "integrations", { ids: resourceIds("integration"), keys: [] }),
    findRegistered(db, orgId, "knowledge_bases", { ids: resourceIds("knowledge_base"), keys: [] }),
  ]);
  const names = new Map<string, string>([...teams, ...users].map((e) => [e.id, e.name]));
  const registered = new Map([...agents, ...integrations, ...knowledgeBases].map((e) => [e.id, e]));
  // Listed in one stable order on both databases: by type, then by reference.
  const byTypeThen =
    <T>(type: (x: T) => string, ref: (x: T) => string) =>
    (a: T, b: T) =>
      type(a).localeCompare(type(b)) || ref(a).localeCompare(ref(b));
  members.sort(
    byTypeThen(
      (m) => m.member_type,
      (m) => m.member_ref,
    ),
  );
  resources.sort(
    byTypeThen(
      (r) => r.resource_type,
      (r) => r.resource_id,
    ),
  );
  return rows.map((row) => {
    const endMs = Date.parse(row.ended_at ?? row.ends_at);
    const status = projectStatus(row, nowMs);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      status,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      endedAt: row.ended_at,
      remainingSeconds: status === "active" ? Math.floor((endMs - nowMs) / 1000) : 0,
      remaining: status === "active" ? describeRemaining(nowMs, endMs) : status,
      members: members
        .filter((m) => m.project_id === row.id)
        .map((m) => ({
          type: m.member_type,
          ref: m.member_ref,
          name: m.member_type === "department" ? m.member_ref : (names.get(m.member_ref) ?? null),
        })),
      resources: resources
        .filter((r) => r.project_id === row.id)
        .map((r) => {
          const entry = r.resource_type === "file" ? undefined : registered.get(r.resource_id);
          return {
            type: r.resource_type,
            id: r.resource_id,
            key: entry?.key ?? null,
            name: entry?.name ?? null,
          };
        }),
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

export async function toProjectView(
  db: Executor,
  orgId: string,
  row: ProjectRow,
  nowMs: number,
): Promise<ProjectView> {
  const [view] = await toProjectViews(db, orgId, [row], nowMs);
  return view as ProjectView;
}

/** What the audit trail keeps of a project. */
export function projectSnapshot(view: ProjectView) {
  return {
    name: view.name,
    description: view.description,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    endedAt: view.endedAt,
    members: view.members.map(({ type, ref }) => ({ type, ref })),
    resources: view.resources.map(({ type, id }) => ({ type, id })),
  };
}

const notFound = () =>
  new AppError("NOT_FOUND", { message: "That project does not exist in this organization." });

export async function requireProject(db: Executor, orgId: string, projectId: string): Promise<ProjectRow> {
  const row = await findProject(db, orgId, projectId);
  if (!row) throw notFound();
  return row;
}

/** The ids of the projects the acting user is in (directly, through a team or their department); null: all. */
export async function visibleProjectIds(ctx: ServiceContext, orgId: string): Promise<string[] | null> {
  if (await canConfigurePolicies(ctx, orgId)) return null;
  if (ctx.actor.kind !== "user") return [];
  const policy = await ctx.policies.policyFor(orgId);
  return [...(policy.people.get(ctx.actor.userId)?.projectIds ?? [])];
}

export async function requireReadableProject(
  ctx: ServiceContext,
  orgId: string,
  projectId: string,
): Promise<ProjectRow> {
  const row = await requireProject(ctx.db, orgId, projectId);
  const visible = await visibleProjectIds(ctx, orgId);
  if (visible !== null && !visible.includes(row.id)) {
    throw new AppError("FORBIDDEN", {
      message: "Only the project's members and admins see this project.",
    });
  }
  return row;
}
