import { listJoinRequests as listRows } from "../../db/queries/join-requests.js";
import type { JoinRequestStatus } from "../../db/schema.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";
import { joinRequestView } from "./join-request-view.js";

/** Join requests of the org with one status (pending by default), newest first. */
export async function listJoinRequests(
  ctx: ServiceContext,
  input: { orgId: string; status?: JoinRequestStatus },
) {
  await authorize(ctx, input.orgId, "members:invite", { type: "org" });
  await requireOrg(ctx.db, input.orgId);
  const rows = await listRows(ctx.db, input.orgId, input.status ?? "pending");
  return { joinRequests: rows.map(joinRequestView) };
}
