/** GET /api/v1/orgs/:orgId/invitations/dashboard (the InvitationDashboard schema). */
export type InvitationDashboard = {
  generatedAt: string;
  accepted: { count: number; percent: number };
  pending: { count: number; percent: number };
  expired: { count: number; percent: number };
  revoked: { count: number };
  resent: { count: number };
  newMembersThisMonth: { count: number; since: string };
  recentActivity: {
    id: string;
    action: string;
    at: string;
    invitationId: string;
    invitee: { email: string; name: string | null };
    sentence: string;
  }[];
  chart: { day: string; sent: number; accepted: number }[];
};
