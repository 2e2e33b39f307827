import type { Executor } from "../client.js";
import type {
  OidcConnectionRow,
  OidcConnectionsTable,
  SsoLoginStateRow,
  UserIdentityRow,
} from "../schema.js";

export function findOidcConnection(db: Executor, orgId: string): Promise<OidcConnectionRow | undefined> {
  return db.selectFrom("oidc_connections").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

/** Inserts or replaces the org's one connection. */
export async function upsertOidcConnection(db: Executor, row: OidcConnectionsTable): Promise<void> {
  await db
    .insertInto("oidc_connections")
    .values(row)
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({
        issuer: row.issuer,
        client_id: row.client_id,
        client_secret_sealed: row.client_secret_sealed,
        scopes: row.scopes,
        default_role: row.default_role,
        groups_claim: row.groups_claim,
        enabled: row.enabled,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteOidcConnection(db: Executor, orgId: string): Promise<boolean> {
  const result = await db.deleteFrom("oidc_connections").where("org_id", "=", orgId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertLoginState(db: Executor, row: SsoLoginStateRow): Promise<void> {
  await db.insertInto("sso_login_states").values(row).execute();
}

/**
 * Takes a login state once: the delete is the claim, so of two callbacks carrying the same state
 * exactly one gets the row.
 */
export async function consumeLoginState(
  db: Executor,
  stateHash: string,
): Promise<SsoLoginStateRow | undefined> {
  const row = await db
    .selectFrom("sso_login_states")
    .selectAll()
    .where("state_hash", "=", stateHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await db
    .deleteFrom("sso_login_states")
    .where("state_hash", "=", stateHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1 ? row : undefined;
}

export async function deleteExpiredLoginStates(db: Executor, now: string): Promise<void> {
  await db.deleteFrom("sso_login_states").where("expires_at", "<", now).execute();
}

export function findIdentity(
  db: Executor,
  issuer: string,
  subject: string,
): Promise<UserIdentityRow | undefined> {
  return db
    .selectFrom("user_identities")
    .selectAll()
    .where("issuer", "=", issuer)
    .where("subject", "=", subject)
    .executeTakeFirst();
}

export async function insertIdentity(db: Executor, row: UserIdentityRow): Promise<void> {
  await db.insertInto("user_identities").values(row).execute();
}

export async function touchIdentity(
  db: Executor,
  id: string,
  patch: { email: string | null; email_verified: number; last_login_at: string },
): Promise<void> {
  await db.updateTable("user_identities").set(patch).where("id", "=", id).execute();
}
