import { AppError, type ErrorCode } from "../domain/errors.js";

type Constraint = { table: string; columns: readonly string[]; code: ErrorCode; message?: string };

/**
 * Unique constraints and the error each violation means to a user. PostgreSQL reports a violated
 * constraint by name; SQLite by table and columns ("UNIQUE constraint failed: t.a, t.b"), so both are
 * listed.
 */
const UNIQUE_CONSTRAINTS: Record<string, Constraint> = {
  users_email_key: { table: "users", columns: ["email"], code: "ACCOUNT_EXISTS" },
  memberships_org_user_key: { table: "memberships", columns: ["org_id", "user_id"], code: "ALREADY_MEMBER" },
  teams_org_name_key: { table: "teams", columns: ["org_id", "name_key"], code: "TEAM_NAME_TAKEN" },
  team_memberships_pkey: {
    table: "team_memberships",
    columns: ["team_id", "user_id"],
    code: "ALREADY_MEMBER",
    message: "This person is already in the team. Change their team role instead.",
  },
  invitations_pending_email_key: {
    table: "invitations",
    columns: ["org_id", "email"],
    code: "INVITATION_PENDING",
  },
  // Setup writes this marker: of two setups racing, the second fails here.
  instance_settings_pkey: { table: "instance_settings", columns: ["key"], code: "SETUP_COMPLETE" },
  permission_sets_org_key_key: {
    table: "permission_sets",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message:
      "A permission set with this key already exists in the organization. Pick another key, or change that set.",
  },
  invitations_idempotency_key: {
    table: "invitations",
    columns: ["org_id", "invited_by", "idempotency_key"],
    code: "IDEMPOTENCY_KEY_REUSED",
  },
  // Governed resources are named by key in checks and in the seed's JSON documents: one key, one thing.
  agents_org_key_key: {
    table: "agents",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message: "An agent with this key already exists in the organization. Pick another key.",
  },
  knowledge_bases_org_key_key: {
    table: "knowledge_bases",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message: "A knowledge base with this key already exists in the organization. Pick another key.",
  },
  integrations_org_key_key: {
    table: "integrations",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message: "An integration with this key already exists in the organization. Pick another key.",
  },
  models_org_key_key: {
    table: "models",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message: "A model with this key already exists in the organization's catalog. Pick another key.",
  },
  team_spaces_org_key_key: {
    table: "team_spaces",
    columns: ["org_id", "key"],
    code: "KEY_TAKEN",
    message: "A team space with this key already exists in the organization. Pick another key.",
  },
  org_domains_org_domain_key: { table: "org_domains", columns: ["org_id", "domain"], code: "DOMAIN_EXISTS" },
  // Two orgs verifying the same domain at once: the second commit fails here.
  org_domains_verified_key: { table: "org_domains", columns: ["domain"], code: "DOMAIN_TAKEN" },
};

const BY_SQLITE_COLUMNS = new Map(
  Object.values(UNIQUE_CONSTRAINTS).map((c) => [c.columns.map((col) => `${c.table}.${col}`).join(", "), c]),
);

function toAppError(constraint: Constraint, cause: unknown, name: string): AppError {
  return new AppError(constraint.code, {
    ...(constraint.message && { message: constraint.message }),
    internal: `unique violation: ${name}`,
    cause,
  });
}

/**
 * Turns a database error into the error code it means, once, at the db boundary. Errors it does not
 * recognise come back unchanged.
 */
export function translateDbError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== "object" || error === null) return error;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  // PostgreSQL: SQLSTATE 23505 unique_violation, 23503 foreign_key_violation.
  if (e.code === "23505" && typeof e.constraint === "string") {
    const constraint = UNIQUE_CONSTRAINTS[e.constraint];
    return constraint ? toAppError(constraint, error, e.constraint) : error;
  }
  if (e.code === "23503") {
    return new AppError("NOT_FOUND", {
      internal: `foreign key violation: ${String(e.constraint)}`,
      cause: error,
    });
  }
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY / _FOREIGNKEY.
  if (typeof e.code === "string" && typeof e.message === "string") {
    if (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
      const columns = e.message.replace(/^UNIQUE constraint failed: /, "");
      const constraint = BY_SQLITE_COLUMNS.get(columns);
      return constraint ? toAppError(constraint, error, columns) : error;
    }
    if (e.code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      return new AppError("NOT_FOUND", { internal: "foreign key violation", cause: error });
    }
  }
  return error;
}
