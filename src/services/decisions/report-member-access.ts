import type { Policy } from "../../domain/access/policy.js";
import { type AccessReport, reportAccess } from "../../domain/access/reach.js";
import { AppError } from "../../domain/errors.js";
import { callerSubject, type DecisionCaller, mayCheckOthers } from "./check-access.js";

/** Everything a member can reach and why: themselves, or anyone for those who may check others. */
export function reportMemberAccess(
  policy: Policy,
  caller: DecisionCaller,
  userId: string,
  nowMs: number,
): AccessReport {
  const self = callerSubject(caller);
  if (!(self.type === "user" && self.id === userId) && !mayCheckOthers(policy, caller, nowMs)) {
    throw new AppError("FORBIDDEN", { message: "Only admins see another member's access." });
  }
  const principal = policy.people.get(userId);
  if (!principal)
    throw new AppError("NOT_FOUND", { message: "This person is not a member of the organization." });
  return reportAccess(policy, principal, nowMs);
}
