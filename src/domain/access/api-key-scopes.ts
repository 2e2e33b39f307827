import { AppError } from "../errors.js";
import type { OrgRole, TeamRole } from "../roles.js";
import { ACTIONS, type Action, isAction } from "./catalog.js";

/**
 * API keys are scoped no wider than whoever holds them (ARCHITECTURE.md):
 * - a personal key acts as its owner, so its scopes must be actions the owner's role can ever do;
 * - a team key acts as the team (a plain member of it), so its scopes must be actions a member can
 *   do, and only an org admin can add `decisions:check` (asking about other people).
 * Null scopes mean "whatever the holder may do", checked afresh at every use.
 */
export function validateKeyScopes(
  scopes: readonly string[] | null,
  holder:
    | { kind: "personal"; role: OrgRole }
    | { kind: "team"; creatorRole: OrgRole; creatorTeamRole: TeamRole | null },
): Action[] | null {
  if (scopes === null) return null;
  const unknown = scopes.filter((scope) => !isAction(scope));
  if (unknown.length > 0) {
    throw new AppError("UNKNOWN_ACTION", {
      message: `Unknown scope(s): ${unknown.join(", ")}. Scopes are actions from GET /api/v1/capabilities.`,
      details: { scopes: unknown },
    });
  }
  const actions = [...new Set(scopes as Action[])];
  const tooWide = actions.filter((action) => {
    const spec: { roles: readonly string[]; teamRoles?: readonly string[] } = ACTIONS[action];
    if (holder.kind === "personal") return !spec.roles.includes(holder.role);
    if (action === "decisions:check") return holder.creatorRole !== "admin";
    return !spec.roles.includes("member");
  });
  if (tooWide.length > 0) {
    throw new AppError("ROLE_ABOVE_YOUR_OWN", {
      message: `A ${holder.kind} key cannot carry ${tooWide.join(", ")}: that is wider than ${holder.kind === "personal" ? "its owner's role" : "a team member's role"}.`,
      details: { scopes: tooWide },
    });
  }
  return actions;
}
