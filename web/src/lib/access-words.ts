import type { AccessReport, ProjectStatus, SharingDocument, Via } from "../api/types";
import {
  describeRemaining,
  FULL_ACCESS_SCOPE,
  kindAndName,
  ORG_ROLE_LABELS,
  type ShareLevel,
  type SpaceLevel,
  TEAM_ROLE_LABELS,
} from "../domain";
import { formatDate } from "./format";

/** The access model in plain words: levels, grants (`via`), agent creation, time left. */
export const SHARE_LEVEL_LABELS: Record<ShareLevel, string> = {
  full: "Full",
  run_only: "Run only",
  view_only: "View only",
};

/**
 * An agent's shares from the sharing document, a line a team as a list shows them ("Support: full",
 * "Sales: run only"); empty when it is not shared, null while the document is not loaded.
 */
export function agentShareLines(sharing: SharingDocument | undefined, agentKey: string): string[] | null {
  if (sharing === undefined) return null;
  const entry = sharing.shared_agents[agentKey];
  return (entry?.access ?? []).map((team) => {
    const level = entry?.permissions[team];
    return level ? `${team}: ${SHARE_LEVEL_LABELS[level].toLowerCase()}` : team;
  });
}

/** An integration's shares, a line a team ("Marketing: read_leads"); empty when it is not shared. */
export function integrationShareLines(sharing: SharingDocument | undefined, key: string): string[] | null {
  if (sharing === undefined) return null;
  const entry = sharing.shared_integrations[key];
  return (entry?.access ?? []).map((team) => `${team}: ${entry?.data_scope[team] ?? FULL_ACCESS_SCOPE}`);
}

export const SPACE_LEVEL_LABELS: Record<SpaceLevel, string> = {
  full: "Full access",
  view: "View access",
  none: "No access",
};

/** A team's access to a space in words: "Full access", or "Full access to 2 listed resources". */
export function spaceAccessWords(access: {
  level: SpaceLevel;
  resources: readonly unknown[] | null;
}): string {
  const level = SPACE_LEVEL_LABELS[access.level];
  if (access.resources === null) return level;
  const n = access.resources.length;
  return `${level} to ${n === 0 ? "no" : n} listed resource${n === 1 ? "" : "s"}`;
}

export const AGENT_CREATION_LABELS = {
  allowed: "Allowed",
  admin_approval: "Needs admin approval",
  denied: "Not allowed",
} as const;

/** The seed's `agent_creation` value (true, false or "admin_approval") in words. */
export function agentCreationWords(value: boolean | "admin_approval" | undefined): string {
  if (value === undefined) return "Not set";
  if (value === "admin_approval") return AGENT_CREATION_LABELS.admin_approval;
  return value ? AGENT_CREATION_LABELS.allowed : AGENT_CREATION_LABELS.denied;
}

/** Where a permission set comes from, by set id ("department marketing", "team Support", "assigned to them"). */
export type SetSources = Map<string, string>;

export function setSourcesOf(report: AccessReport): SetSources {
  return new Map(report.permissionSets.map((set) => [set.setId, set.from]));
}

const FROM_WORDS = { department: "a department", team: "a team", user: "assigned to them" } as const;

/** One grant that decided, e.g. "shared with Sales (run only)", "through Project Alpha until 31 Jul 2026". */
export function explainVia(via: Via, sources?: SetSources): string {
  switch (via.type) {
    case "role":
      return `${ORG_ROLE_LABELS[via.role]} role`;
    case "team_role":
      return `${TEAM_ROLE_LABELS[via.role]} of ${kindAndName("team", via.teamName)}`;
    case "owner":
      return "they own it";
    case "org_wide":
      return "available to the whole organization";
    case "department":
      return `department ${via.department}`;
    case "share":
      return via.dataScope
        ? `shared with ${via.teamName} (data scope ${via.dataScope})`
        : `shared with ${via.teamName} (${SHARE_LEVEL_LABELS[via.level].toLowerCase()})`;
    case "team_space":
      return `through ${kindAndName("team space", via.teamSpaceName)} (${SPACE_LEVEL_LABELS[via.level].toLowerCase()}${via.reach === "resources" ? ", to listed resources" : ""})`;
    case "project":
      return `through ${kindAndName("project", via.projectName)} until ${formatDate(via.endsAt)}`;
    case "permission_set":
      return `permission set ${via.key} (${sources?.get(via.setId) ?? FROM_WORDS[via.from]})`;
    case "api_key":
      return "the API key";
  }
}

export function explainAll(vias: readonly Via[], sources?: SetSources): string {
  return vias.length === 0 ? "no grant" : vias.map((via) => explainVia(via, sources)).join("; ");
}

type Timing = { status: ProjectStatus; startsAt: string; endsAt: string };

/**
 * The status a project has at `now`: the server's answer moves on by itself on a page left open (a
 * scheduled project starts, an active one expires), but a clock a few seconds behind the server never
 * moves it back.
 */
export function liveStatus(project: Timing, now: number): ProjectStatus {
  if (project.status === "ended" || project.status === "expired") return project.status;
  if (Date.parse(project.endsAt) <= now) return "expired";
  if (project.status === "scheduled" && Date.parse(project.startsAt) <= now) return "active";
  return project.status;
}

/** A live countdown's words: "5 months 29 days left", "starts in 3 days", "ended", "expired". */
export function timeLeft(project: Timing, now: number): string {
  const status = liveStatus(project, now);
  if (status === "ended" || status === "expired") return status;
  if (status === "scheduled") return `starts in ${describeRemaining(now, Date.parse(project.startsAt))}`;
  return `${describeRemaining(now, Date.parse(project.endsAt))} left`;
}

/** "5 months 29 days left" until `iso`, or "expired". */
export function leftUntil(iso: string, now: number): string {
  const end = Date.parse(iso);
  return end <= now ? "expired" : `${describeRemaining(now, end)} left`;
}

/** "agents:run" → "run". */
export function verbOf(action: string): string {
  return action.slice(action.indexOf(":") + 1);
}
