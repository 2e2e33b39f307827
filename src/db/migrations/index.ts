import type { Kysely } from "kysely";
import type { Dialect } from "../client.js";
import { initial } from "./0001-initial.js";
import { accessModel } from "./0002-access-model.js";
import { jobs } from "./0003-jobs.js";
import { directoryGroups } from "./0008-directory-groups.js";
import { scim } from "./0011-scim.js";

export type Migration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** In order. A migration, once released, is never edited: add the next one. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-access-model": accessModel,
  "0003-jobs": jobs,
  "0008-directory-groups": directoryGroups,
  "0011-scim": scim,
};
