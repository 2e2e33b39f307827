import { type FormEvent, useState } from "react";
import { errorMessage, newIdempotencyKey } from "../api/client";
import { type CreateInvitationInput, createInvitation, getEmailSettings, listTeams } from "../api/endpoints";
import type { InvitationWithLink } from "../api/types";
import {
  DEFAULT_EXPIRY_DAYS,
  MAX_EXPIRY_DAYS,
  MIN_EXPIRY_DAYS,
  type OrgRole,
  type TeamRole,
} from "../domain";
import { daysUntil, plural } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";
import { CopyLink } from "./copy-link";
import { Dialog, DialogFormActions } from "./dialog";
import { OrgRoleField, TeamField, TeamRoleField } from "./role-fields";
import { TextField } from "./text-field";

const DESCRIPTION =
  "Send an email invite with a sign-up link. New users join as team members; assign org or team admin roles after they accept.";

type Form = {
  email: string;
  role: OrgRole;
  teamId: string;
  teamRole: TeamRole;
  department: string;
  message: string;
  expiresInDays: string;
};

const EMPTY: Form = {
  email: "",
  role: "member",
  teamId: "",
  teamRole: "member",
  department: "",
  message: "",
  expiresInDays: String(DEFAULT_EXPIRY_DAYS),
};

/** The seed's Invite User modal; after Create Invite it shows the link to copy and share. */
export function InviteUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { org, rules } = useOrg();
  const teams = useResource(rules.hasMultipleTeams ? `teams:${org.id}` : null, () => listTeams(org.id));
  const email = useResource(`email-settings:${org.id}`, () => getEmailSettings(org.id));
  const isEmailed = email.data?.enabled === true;
  const [form, setForm] = useState<Form>(EMPTY);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<InvitationWithLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const update = <K extends keyof Form>(field: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: CreateInvitationInput = {
      email: form.email.trim(),
      role: form.role,
      expiresInDays: Number(form.expiresInDays),
      ...(rules.hasMultipleTeams && form.teamId && { teamId: form.teamId, teamRole: form.teamRole }),
      ...(form.department.trim() && { department: form.department.trim() }),
      ...(form.message.trim() && { message: form.message.trim() }),
    };
    try {
      setCreated(await createInvitation(org.id, input, idempotencyKey));
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const inviteAnother = () => {
    setCreated(null);
    setForm(EMPTY);
    setIdempotencyKey(newIdempotencyKey());
  };

  return (
    <Dialog
      title="Invite User"
      description={<Description isEmailed={isEmailed} />}
      onClose={onClose}
      size="wide"
    >
      {created ? (
        <div className="dialog-body">
          <p className="success-text" role="status">
            Invitation created for <strong>{created.invitation.email}</strong>.{" "}
            {isEmailed
              ? "It is being emailed to them; you can also copy the link."
              : "Copy the link and send it to them."}
          </p>
          <CopyLink url={created.inviteUrl} autoFocus />
          <p>The link is good for {plural(daysUntil(created.invitation.expiresAt), "day")}.</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={inviteAnother}>
              Invite another
            </button>
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form dialog-body" onSubmit={submit}>
          <TextField
            label="Email"
            type="email"
            required
            maxLength={320}
            autoComplete="off"
            placeholder="colleague@company.com"
            value={form.email}
            onChange={(email) => update("email", email)}
          />
          <OrgRoleField value={form.role} onChange={(role) => update("role", role)} />
          {rules.hasMultipleTeams && (
            <TeamField
              teams={teams.data?.items}
              value={form.teamId}
              onChange={(teamId) => update("teamId", teamId)}
              error={teams.error ? errorMessage(teams.error) : null}
            />
          )}
          {rules.hasTeamRoles && form.teamId && (
            <TeamRoleField value={form.teamRole} onChange={(role) => update("teamRole", role)} />
          )}
          <div className="field-row">
            <TextField
              label="Department"
              optional
              maxLength={64}
              placeholder="e.g. Marketing"
              value={form.department}
              onChange={(department) => update("department", department)}
            />
            <TextField
              label="Expires in (days)"
              narrow
              type="number"
              required
              min={MIN_EXPIRY_DAYS}
              max={MAX_EXPIRY_DAYS}
              value={form.expiresInDays}
              onChange={(days) => update("expiresInDays", days)}
            />
          </div>
          <TextField
            label="Personal message"
            optional
            multiline
            rows={3}
            maxLength={2000}
            placeholder="Welcome to our AI team!"
            value={form.message}
            onChange={(message) => update("message", message)}
          />
          <DialogFormActions
            error={error}
            isBusy={isBusy}
            submitLabel="Create Invite"
            busyLabel="Creating…"
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}

function Description({ isEmailed }: { isEmailed: boolean }) {
  return (
    <>
      <p>{DESCRIPTION}</p>
      <p className="note">
        {isEmailed
          ? "Gatehouse emails the invitation; you'll also get the link to copy."
          : "Email delivery is not configured (SMTP_URL): links must be copied and shared yourself."}
      </p>
    </>
  );
}
