import { AppError } from "../../domain/errors.js";
import type { CheckRequest } from "./check-access.js";

/** A check of a batch: any of its fields may be left to the batch's defaults. */
export type BatchCheck = Omit<CheckRequest, "action" | "resource"> &
  Partial<Pick<CheckRequest, "action" | "resource">>;

/** What a batch gives beside its checks: the defaults of the checks that leave a field out. */
export type BatchDefaults = Partial<CheckRequest>;

/**
 * A check of a batch, with the batch's defaults filled in. As in AuthZEN's Access Evaluations API, a
 * field the check names replaces the default whole: a check's own context is not merged with the
 * batch's. A check that needs no default is returned as it is, with no copy: a batch has up to 1,000.
 * A check left with no action or no resource is an error of its own, not of the batch.
 */
export function withBatchDefaults(check: BatchCheck, defaults: BatchDefaults): CheckRequest {
  if (
    check.action !== undefined &&
    check.resource !== undefined &&
    (check.subject !== undefined || defaults.subject === undefined) &&
    (check.context !== undefined || defaults.context === undefined)
  ) {
    return check as CheckRequest;
  }
  const action = check.action ?? defaults.action;
  const resource = check.resource ?? defaults.resource;
  if (action === undefined || resource === undefined) {
    const missing = action === undefined ? "action" : "resource";
    throw new AppError("VALIDATION_FAILED", {
      message: `This check names no ${missing}, and the batch gives none. Name it in the check, or give a default "${missing}" beside "checks".`,
      details: { missing },
    });
  }
  const subject = check.subject ?? defaults.subject;
  const context = check.context ?? defaults.context;
  return {
    ...(subject !== undefined && { subject }),
    action,
    resource,
    ...(context !== undefined && { context }),
  };
}
