import type { JoinRequestListRow } from "../../db/queries/join-requests.js";
import type { JoinRequestRow } from "../../db/schema.js";

export type JoinRequestView = {
  id: string;
  userId: string;
  name: string | null;
  email: string;
  domain: string | null;
  department: string | null;
  role: JoinRequestRow["role"];
  status: JoinRequestRow["status"];
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

export function joinRequestView(row: JoinRequestRow | JoinRequestListRow): JoinRequestView {
  return {
    id: row.id,
    userId: row.user_id,
    name: "user_name" in row ? row.user_name : null,
    email: row.email,
    domain: "domain" in row ? row.domain : null,
    department: row.department,
    role: row.role,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}
