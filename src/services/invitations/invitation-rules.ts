import type { Executor } from "../../db/client.js";
import { findMembership } from "../../db/queries/memberships.js";
import { findUserByEmail } from "../../db/queries/users.js";
import type { OrgRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import { PLAN_RULES } from "../../domain/plans.js";
import type { TeamRole } from "../../domain/roles.js";
import { hashToken, newToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";
import { requireTeam } from "../shared/require.js";

/**
 * Which team an invitation leads into, by the plan's rules (auxot seed): single-team plans always use
 * the default team and have no team roles; Business and Enterprise take the chosen team and team
 * role. A team role needs a team.
 */
export async function resolveInvitationTeam(
  db: Executor,
  org: OrgRow,
  choice: { teamId: string | null; teamRole: TeamRole | null },
): Promise<{ teamId: string | null; teamRole: TeamRole | null; teamName: string | null }> {
  const rules = PLAN_RULES[org.plan];
  if (!rules.hasMultipleTeams) {
    if (choice.teamId !== null && choice.teamId !== org.default_team_id) {
      throw new AppError("PLAN_LIMIT", {
        message: `Teams require Business or Enterprise. On the ${rules.label} plan, everyone joins the single auto-created team.`,
      });
    }
    if (choice.teamRole !== null) {
      throw new AppError("PLAN_LIMIT", {
        message: `Team roles require Business or Enterprise. On the ${rules.label} plan, everyone joins the workspace team as a member.`,
      });
    }
    return { teamId: null, teamRole: null, teamName: null };
  }
  if (choice.teamId === null) {
    if (choice.teamRole !== null) {
      throw new AppError("VALIDATION_FAILED", {
        message: "A team role needs a team. Pick the team they should join, or leave the team role empty.",
        details: { field: "teamRole" },
      });
    }
    return { teamId: null, teamRole: null, teamName: null };
  }
  const team = await requireTeam(db, org.id, choice.teamId);
  return { teamId: team.id, teamRole: choice.teamRole ?? "member", teamName: team.name };
}

const invitePages = new WeakMap<URL, string>();

/**
 * A fresh link: the token goes into the URL fragment, which browsers never send to servers or logs.
 * The page's URL is parsed once per configured public URL (an import makes 100,000 links); a token is
 * base64url, which a fragment holds as it is.
 */
export function newInviteLink(deps: Pick<Deps, "config">): { token: string; tokenHash: string; url: string } {
  const token = newToken();
  let page = invitePages.get(deps.config.publicUrl);
  if (page === undefined) {
    page = new URL("/invite", deps.config.publicUrl).href;
    invitePages.set(deps.config.publicUrl, page);
  }
  return { token, tokenHash: hashToken(token), url: `${page}#token=${token}` };
}

/**
 * An invitation never leads a member into their own org: it would hold a seat for nobody, and its link
 * could only fail. Checked on create and whenever an expired invitation is brought back (resend,
 * extend), since the person may have joined through a newer invitation meanwhile.
 */
export async function assertNotAMember(db: Executor, orgId: string, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (user && (await findMembership(db, orgId, user.id))) {
    throw new AppError("ALREADY_MEMBER", { message: `${email} is already a member of this organization.` });
  }
}
