import { insertScimRequest } from "../../db/queries/scim.js";
import { newId } from "../../lib/ids.js";
import type { Deps } from "../context.js";

export type ScimRequestRecord = {
  orgId: string;
  tokenPrefix: string;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
};

/** One line of the provisioning log: every authenticated SCIM request and its outcome. */
export async function recordScimRequest(
  deps: Pick<Deps, "db" | "clock">,
  record: ScimRequestRecord,
): Promise<void> {
  await insertScimRequest(deps.db, {
    id: newId(),
    org_id: record.orgId,
    token_prefix: record.tokenPrefix,
    method: record.method,
    path: record.path.slice(0, 1000),
    status: record.status,
    scim_type: record.scimType,
    detail: record.detail?.slice(0, 1000) ?? null,
    duration_ms: record.durationMs,
    created_at: deps.clock.now().toISOString(),
  });
}
