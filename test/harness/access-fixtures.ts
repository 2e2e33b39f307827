import { bumpAccessVersion } from "../../src/db/queries/orgs.js";
import { inTransaction } from "../../src/db/transaction.js";
import { newId } from "../../src/lib/ids.js";
import type { TestApp } from "./app.js";

/**
 * Direct inserts of governed resources for tests of the decision engine, independent of the registry
 * routes. Each bumps the org's access version in its transaction, exactly as the use cases do.
 */
export function accessFixtures(t: TestApp, orgId: string) {
  const now = () => t.clock.now().toISOString();
  const write = <T>(work: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<T>) =>
    inTransaction(t.deps.db, async (trx) => {
      const result = await work(trx);
      await bumpAccessVersion(trx, orgId);
      return result;
    });
  return {
    async agent(input: {
      key: string;
      scope?: "personal" | "team" | "org";
      ownerId?: string | null;
      teamId?: string | null;
    }) {
      const id = newId();
      await write((trx) =>
        trx
          .insertInto("agents")
          .values({
            id,
            org_id: orgId,
            key: input.key,
            name: input.key.replaceAll("_", " "),
            description: null,
            scope: input.scope ?? "personal",
            owner_user_id: input.ownerId ?? null,
            team_id: input.teamId ?? null,
            created_at: now(),
            updated_at: now(),
          })
          .execute(),
      );
      return id;
    },
    async shareAgent(agentId: string, teamId: string, level: "full" | "run_only" | "view_only") {
      await write((trx) =>
        trx
          .insertInto("agent_shares")
          .values({ agent_id: agentId, team_id: teamId, org_id: orgId, level, created_at: now() })
          .execute(),
      );
    },
    async model(key: string, enabled = true) {
      const id = newId();
      await write((trx) =>
        trx
          .insertInto("models")
          .values({
            id,
            org_id: orgId,
            key,
            name: key,
            provider: null,
            status: enabled ? "enabled" : "disabled",
            created_at: now(),
            updated_at: now(),
          })
          .execute(),
      );
      return id;
    },
    async integration(key: string, dataScopes: string[] = []) {
      const id = newId();
      await write((trx) =>
        trx
          .insertInto("integrations")
          .values({
            id,
            org_id: orgId,
            key,
            name: key,
            data_scopes: JSON.stringify(dataScopes),
            status: "enabled",
            created_at: now(),
            updated_at: now(),
          })
          .execute(),
      );
      return id;
    },
    async shareIntegration(integrationId: string, teamId: string, dataScope: string) {
      await write((trx) =>
        trx
          .insertInto("integration_shares")
          .values({
            integration_id: integrationId,
            team_id: teamId,
            org_id: orgId,
            data_scope: dataScope,
            created_at: now(),
          })
          .execute(),
      );
    },
    async permissionSet(
      key: string,
      rules: object,
      assign: { department?: string; teamId?: string; userId?: string },
    ) {
      const id = newId();
      await write(async (trx) => {
        await trx
          .insertInto("permission_sets")
          .values({
            id,
            org_id: orgId,
            key,
            name: key,
            description: null,
            kind: "shared",
            rules: JSON.stringify(rules),
            created_at: now(),
            updated_at: now(),
          })
          .execute();
        const targets = [
          ...(assign.department ? [["department", assign.department.toLowerCase()] as const] : []),
          ...(assign.teamId ? [["team", assign.teamId] as const] : []),
          ...(assign.userId ? [["user", assign.userId] as const] : []),
        ];
        for (const [targetType, targetId] of targets) {
          await trx
            .insertInto("permission_set_assignments")
            .values({
              set_id: id,
              org_id: orgId,
              target_type: targetType,
              target_id: targetId,
              created_at: now(),
            })
            .execute();
        }
      });
      return id;
    },
    async project(input: { name: string; endsAt: string; userIds?: string[]; agentIds?: string[] }) {
      const id = newId();
      await write(async (trx) => {
        await trx
          .insertInto("projects")
          .values({
            id,
            org_id: orgId,
            name: input.name,
            description: null,
            starts_at: now(),
            ends_at: input.endsAt,
            ended_at: null,
            created_by: null,
            created_at: now(),
            updated_at: now(),
          })
          .execute();
        for (const userId of input.userIds ?? []) {
          await trx
            .insertInto("project_members")
            .values({ project_id: id, org_id: orgId, member_type: "user", member_ref: userId })
            .execute();
        }
        for (const agentId of input.agentIds ?? []) {
          await trx
            .insertInto("project_resources")
            .values({ project_id: id, org_id: orgId, resource_type: "agent", resource_id: agentId })
            .execute();
        }
      });
      return id;
    },
  };
}
