import type { Executor } from "../client.js";
import type { OrgDomainRow, OrgDomainsTable } from "../schema.js";

export function listOrgDomains(db: Executor, orgId: string): Promise<OrgDomainRow[]> {
  return db.selectFrom("org_domains").selectAll().where("org_id", "=", orgId).orderBy("domain").execute();
}

export function findOrgDomain(db: Executor, orgId: string, id: string): Promise<OrgDomainRow | undefined> {
  return db
    .selectFrom("org_domains")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findOrgDomainByName(
  db: Executor,
  orgId: string,
  domain: string,
): Promise<OrgDomainRow | undefined> {
  return db
    .selectFrom("org_domains")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("domain", "=", domain)
    .executeTakeFirst();
}

/** The org that has verified this exact domain, if any. */
export function findVerifiedDomain(db: Executor, domain: string): Promise<OrgDomainRow | undefined> {
  return db
    .selectFrom("org_domains")
    .selectAll()
    .where("domain", "=", domain)
    .where("verified_at", "is not", null)
    .executeTakeFirst();
}

/**
 * Verified domains an email host can belong to: the host itself and every parent domain
 * (eng.example.com -> eng.example.com, example.com, com). Matching proper is `emailMatchesDomain`.
 */
export function listVerifiedDomainsFor(db: Executor, host: string): Promise<OrgDomainRow[]> {
  const labels = host.split(".");
  const candidates = labels.map((_, i) => labels.slice(i).join(".")).filter((d) => d.includes("."));
  if (candidates.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("org_domains")
    .selectAll()
    .where("domain", "in", candidates)
    .where("verified_at", "is not", null)
    .orderBy("org_id")
    .execute();
}

export async function insertOrgDomain(db: Executor, row: OrgDomainRow): Promise<void> {
  await db.insertInto("org_domains").values(row).execute();
}

export async function updateOrgDomain(
  db: Executor,
  id: string,
  patch: Partial<Omit<OrgDomainsTable, "id" | "org_id" | "domain">>,
): Promise<void> {
  await db.updateTable("org_domains").set(patch).where("id", "=", id).execute();
}

export async function deleteOrgDomain(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("org_domains").where("id", "=", id).execute();
}
