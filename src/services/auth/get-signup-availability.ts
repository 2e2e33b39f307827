import { isEmailDeliveryEnabled } from "../../mail/queue-invitation-email.js";
import type { Deps } from "../context.js";

/** Whether "Join your team" works here: it needs email, to prove the address. */
export function getSignupAvailability(deps: Pick<Deps, "config">): { available: boolean } {
  return { available: isEmailDeliveryEnabled(deps) };
}
