import { listApiKeys as listApiKeyRows } from "../../db/queries/api-keys.js";
import { can } from "../../domain/permissions.js";
import type { ServiceContext } from "../context.js";
import { type ApiKeyView, toApiKeyView } from "./api-key-view.js";

/** Admins see every key; others their own personal keys and the keys of teams they administer. */
export async function listApiKeys(ctx: ServiceContext, input: { orgId: string }): Promise<ApiKeyView[]> {
  const access = ctx.access;
  const seesAll = access === null || can(access, "members:update");
  const filter = seesAll
    ? ({ all: true } as const)
    : {
        userId: access.userId,
        teamIds: [...access.teamRoles]
          .filter(([, role]) => role === "admin" || role === "owner")
          .map(([id]) => id),
      };
  const now = ctx.clock.now();
  return (await listApiKeyRows(ctx.db, input.orgId, filter)).map((row) => toApiKeyView(row, now));
}
