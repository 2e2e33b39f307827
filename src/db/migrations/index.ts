import type { Kysely } from "kysely";
import type { Dialect } from "../client.js";
import { initial } from "./0001-initial.js";
import { accessModel } from "./0002-access-model.js";
import { jobs } from "./0003-jobs.js";
import { email } from "./0004-email.js";
import { imports } from "./0005-imports.js";
import { auditWebhooks } from "./0006-audit-webhooks.js";
import { dashboard } from "./0007-dashboard.js";
import { directoryGroups } from "./0008-directory-groups.js";
import { domains } from "./0009-domains.js";
import { sso } from "./0010-sso.js";
import { scim } from "./0011-scim.js";
import { webhooks } from "./0012-webhooks.js";
import { invitationCounters } from "./0013-invitation-counters.js";
import { emailVerifications } from "./0014-email-verifications.js";
import { membershipDailyJoins } from "./0015-membership-daily-joins.js";
import { policyLoadIndexes } from "./0016-policy-load-indexes.js";
import { teamSpaceSpecificResources } from "./0017-team-space-specific-resources.js";

export type Migration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** In order. A migration, once released, is never edited: add the next one. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-access-model": accessModel,
  "0003-jobs": jobs,
  "0004-email": email,
  "0005-imports": imports,
  "0006-audit-webhooks": auditWebhooks,
  "0007-dashboard": dashboard,
  "0008-directory-groups": directoryGroups,
  "0009-domains": domains,
  "0010-sso": sso,
  "0011-scim": scim,
  "0012-webhooks": webhooks,
  "0013-invitation-counters": invitationCounters,
  "0014-email-verifications": emailVerifications,
  "0015-membership-daily-joins": membershipDailyJoins,
  "0016-policy-load-indexes": policyLoadIndexes,
  "0017-team-space-specific-resources": teamSpaceSpecificResources,
};
