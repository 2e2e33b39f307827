import type { OrgRole } from "../domain";
import { api } from "./client";
import type { User } from "./types";

/** "Join your team": self sign-up with a work email at a verified domain. */
export type SignupJoin = {
  orgId: string;
  orgName: string;
  /** joined: a member now; requested: an admin must approve; no_seat: no free seat, so a request was filed. */
  outcome: "joined" | "requested" | "no_seat";
  role: OrgRole;
};

export const getSignupAvailability = () =>
  api<{ available: boolean }>("GET", "/api/v1/auth/signup", { allowSignedOut: true });

export const startSignup = (email: string) =>
  api<{ message: string }>("POST", "/api/v1/auth/signup", { body: { email }, allowSignedOut: true });

export const completeSignup = (input: { token: string; name: string; password: string }) =>
  api<{ user: User; joins: SignupJoin[] }>("POST", "/api/v1/auth/signup/complete", {
    body: input,
    allowSignedOut: true,
  });
