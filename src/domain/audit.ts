/** Where an access change came from. */
export const AUDIT_SOURCES = ["console", "api", "cli", "system"] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** Actions recorded in the audit trail; invitation history is the slice of it about one invitation. */
export const AUDIT_ACTIONS = [
  "org.created",
  "org.updated",
  "member.added",
  "member.updated",
  "member.removed",
  "team.created",
  "team.renamed",
  "team.deleted",
  "team_member.added",
  "team_member.updated",
  "team_member.removed",
  "invitation.created",
  "invitation.updated",
  "invitation.extended",
  "invitation.resent",
  "invitation.revoked",
  "invitation.accepted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
