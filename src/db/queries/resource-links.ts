import type { Executor } from "../client.js";

/**
 * Team spaces and projects point at Gatehouse resources by type and id, without a foreign key (the
 * same columns also hold the AI product's own file and conversation ids). Deleting an agent,
 * integration or knowledge base removes those pointers in the same transaction, so no team space or
 * project keeps granting something that no longer exists.
 */
export async function deleteResourceLinks(
  db: Executor,
  orgId: string,
  resourceType: "agent" | "integration" | "knowledge_base",
  resourceId: string,
): Promise<void> {
  await db
    .deleteFrom("team_space_resources")
    .where("org_id", "=", orgId)
    .where("resource_type", "=", resourceType)
    .where("resource_id", "=", resourceId)
    .execute();
  await db
    .deleteFrom("project_resources")
    .where("org_id", "=", orgId)
    .where("resource_type", "=", resourceType)
    .where("resource_id", "=", resourceId)
    .execute();
}
