import { ORG_ROLE_LABELS, ORG_ROLES, TEAM_ROLES } from "../roles.js";
import { ACTIONS, SEED_DENIALS } from "./catalog.js";

/** docs/capabilities.md, rendered from the catalog (a test keeps the file in step with the code). */
export function renderCapabilityTable(): string {
  const roleHeads = ORG_ROLES.map((r) => ORG_ROLE_LABELS[r]).join(" | ");
  const lines = [
    "# Capabilities",
    "",
    "Every action the decision API knows (`GET /api/v1/capabilities` serves the same table). A role column",
    "says whether that org role may ever do the action: the ceiling of `docs/access-model.md`. The team",
    "column lists the team roles that also grant it inside their own team.",
    "",
    `| Action | About | ${roleHeads} | Team roles | Seed line |`,
    `|---|---|${ORG_ROLES.map(() => ":---:").join("|")}|---|---|`,
  ];
  let group = "";
  for (const [action, spec] of Object.entries(ACTIONS)) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push(`| **${group}** | | ${ORG_ROLES.map(() => "").join(" | ")} | | |`);
    }
    const roles: readonly string[] = spec.roles;
    const teamRoles: readonly string[] = "teamRoles" in spec ? spec.teamRoles : [];
    const marks = ORG_ROLES.map((role) => (roles.includes(role) ? "✅" : "❌")).join(" | ");
    const team = TEAM_ROLES.filter((r) => teamRoles.includes(r)).join(", ");
    lines.push(`| \`${action}\` | ${spec.resource} | ${marks} | ${team} | ${spec.seed} |`);
  }
  lines.push("", "## The seeds' ❌ lines", "", "| Role | Seed line | Actions it forbids |", "|---|---|---|");
  for (const denial of SEED_DENIALS) {
    lines.push(
      `| ${ORG_ROLE_LABELS[denial.role]} | ${denial.seed} | ${denial.actions.map((a) => `\`${a}\``).join(", ")} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
