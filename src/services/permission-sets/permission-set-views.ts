import type { Executor } from "../../db/client.js";
import {
  type AssignmentRow,
  findCatalogKeys,
  findPermissionSet,
  listAssignments,
  type PermissionSetRow,
} from "../../db/queries/permission-sets.js";
import { evaluate } from "../../domain/access/evaluate.js";
import {
  type PermissionSetRules,
  rulesFromSeed,
  rulesToSeed,
  type SeedPermissionSet,
  type UnmatchedKeys,
  unmatchedKeys,
} from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";

export type AssignmentsView = { departments: string[]; teamIds: string[]; userIds: string[] };

export type PermissionSetView = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  kind: "shared" | "personal";
  /** The person a personal set belongs to; null for shared sets. */
  userId: string | null;
  /** In the seed's format. */
  rules: SeedPermissionSet;
  /** Names in the rules that match no model, integration or knowledge base of the org yet. */
  unmatched: UnmatchedKeys;
  assignments: AssignmentsView;
  createdAt: string;
  updatedAt: string;
};

/**
 * Rules in the seed's format, without loss: "100MB" where the size reads back to the same bytes, the
 * byte count itself where a unit would round it (150000000 bytes is not a whole number of KB).
 */
export function seedOf(rules: PermissionSetRules): SeedPermissionSet {
  return rulesToSeed(rules);
}

/** What is stored in permission_sets.rules: the seed's JSON for one set. */
export function storedRules(rules: PermissionSetRules): string {
  return JSON.stringify(seedOf(rules));
}

export function rulesOfRow(row: Pick<PermissionSetRow, "rules" | "key">): PermissionSetRules {
  return rulesFromSeed(JSON.parse(row.rules), row.key);
}

export function userIdOfPersonalKey(key: string): string | null {
  return key.startsWith("user:") ? key.slice("user:".length) : null;
}

export function assignmentsView(rows: readonly AssignmentRow[]): AssignmentsView {
  const of = (type: AssignmentRow["target_type"]) =>
    rows.filter((r) => r.target_type === type).map((r) => r.target_id);
  return { departments: of("department"), teamIds: of("team"), userIds: of("user") };
}

export async function toPermissionSetViews(
  db: Executor,
  rows: readonly PermissionSetRow[],
): Promise<PermissionSetView[]> {
  if (rows.length === 0) return [];
  const [assignments, catalog] = await Promise.all([
    listAssignments(
      db,
      rows.map((r) => r.id),
    ),
    findCatalogKeys(db, (rows[0] as PermissionSetRow).org_id),
  ]);
  return rows.map((row) => {
    const rules = rulesOfRow(row);
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      description: row.description,
      kind: row.kind,
      userId: row.kind === "personal" ? userIdOfPersonalKey(row.key) : null,
      rules: seedOf(rules),
      unmatched: unmatchedKeys(rules, catalog),
      assignments: assignmentsView(assignments.filter((a) => a.set_id === row.id)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

export async function toPermissionSetView(db: Executor, row: PermissionSetRow): Promise<PermissionSetView> {
  const [view] = await toPermissionSetViews(db, [row]);
  return view as PermissionSetView;
}

/**
 * May the acting user configure the org's policies (write permission sets and projects, read other
 * people's personal sets)? The decision engine answers, as for any check; the system may.
 */
export async function canConfigurePolicies(ctx: ServiceContext, orgId: string): Promise<boolean> {
  if (ctx.actor.kind === "system") return true;
  const policy = await ctx.policies.policyFor(orgId);
  return evaluate(
    policy,
    {
      subject: { type: "user", id: ctx.actor.userId },
      action: "policies:configure",
      resource: { type: "org" },
    },
    ctx.clock.nowMs(),
  ).allowed;
}

const notFound = () =>
  new AppError("NOT_FOUND", { message: "That permission set does not exist in this organization." });

/** A set of the org; a personal one only for admins and the person it belongs to. */
export async function requireReadableSet(
  ctx: ServiceContext,
  db: Executor,
  orgId: string,
  setId: string,
): Promise<PermissionSetRow> {
  const row = await findPermissionSet(db, orgId, setId);
  if (!row) throw notFound();
  if (row.kind === "personal") {
    const isOwn = ctx.actor.kind === "user" && userIdOfPersonalKey(row.key) === ctx.actor.userId;
    if (!isOwn && !(await canConfigurePolicies(ctx, orgId))) {
      throw new AppError("FORBIDDEN", {
        message: "Personal permission sets are visible to admins and to the person they belong to.",
      });
    }
  }
  return row;
}

export async function requireSet(db: Executor, orgId: string, setId: string): Promise<PermissionSetRow> {
  const row = await findPermissionSet(db, orgId, setId);
  if (!row) throw notFound();
  return row;
}
