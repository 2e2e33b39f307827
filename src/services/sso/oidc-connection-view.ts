import type { OidcConnectionRow } from "../../db/schema.js";
import type { OrgRole } from "../../domain/roles.js";
import type { Deps } from "../context.js";
import { redirectUri } from "./oidc-client.js";

/** What the API shows of a connection: everything but the secret, which is write-only. */
export type OidcConnectionView = {
  issuer: string;
  clientId: string;
  clientSecretSet: true;
  scopes: string[];
  defaultRole: OrgRole;
  groupsClaim: string;
  enabled: boolean;
  redirectUri: string;
  loginUrl: string;
  createdAt: string;
  updatedAt: string;
};

export function oidcConnectionView(deps: Pick<Deps, "config">, row: OidcConnectionRow): OidcConnectionView {
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: true,
    scopes: row.scopes.split(" "),
    defaultRole: row.default_role,
    groupsClaim: row.groups_claim,
    enabled: row.enabled === 1,
    redirectUri: redirectUri(deps),
    loginUrl: new URL(`/sso/${row.org_id}`, deps.config.publicUrl).toString(),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}
