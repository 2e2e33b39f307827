import type { ReactNode } from "react";
import { errorMessage, isApiError } from "../api/client";
import { previewInvitation } from "../api/endpoints";
import type { InvitationPreview } from "../api/types";
import { AuthLayout } from "../components/auth-layout";
import { ErrorText } from "../components/error-text";
import { InviteAcceptPanel } from "../components/invite-accept-panel";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { ORG_ROLE_LABELS, TEAM_ROLE_LABELS } from "../domain";
import { formatLongDate, formatRelative } from "../lib/format";
import { useHashToken } from "../lib/use-hash-token";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";

/** What an invited teammate opens: who invited them where, then sign up, sign in, or accept. */
export function InvitePage() {
  const token = useHashToken();
  const preview = useResource(token ? `invite-preview:${token}` : null, () => previewInvitation(token ?? ""));

  if (!token || isApiError(preview.error, "INVITATION_NOT_FOUND")) {
    return (
      <Outcome title="Invitation not valid">
        This invitation link is not valid. Check that you copied the whole link, or ask an admin for a new
        one.
      </Outcome>
    );
  }
  if (preview.error) {
    return (
      <AuthLayout>
        <PageTitle title="Invitation">Invitation</PageTitle>
        <ErrorText message={errorMessage(preview.error)} />
      </AuthLayout>
    );
  }
  const invitation = preview.data;
  if (!invitation) {
    return (
      <AuthLayout>
        <Loading label="Opening your invitation…" />
      </AuthLayout>
    );
  }
  switch (invitation.status) {
    case "expired":
      return (
        <Outcome title="Invitation expired">
          This invitation expired on {formatLongDate(invitation.expiresAt)}. Ask an admin for a new link.
        </Outcome>
      );
    case "revoked":
      return (
        <Outcome title="Invitation revoked">
          This invitation was revoked, so the link no longer works. Ask an admin of {invitation.orgName} for a
          new link if you still need access.
        </Outcome>
      );
    case "accepted":
      return (
        <Outcome title="Invitation already used" signIn>
          This invitation has already been used. Sign in to continue.
        </Outcome>
      );
    default:
      return (
        <AuthLayout wide>
          <InvitationSummary invitation={invitation} />
          <InviteAcceptPanel key={token} token={token} invitation={invitation} onStale={preview.reload} />
        </AuthLayout>
      );
  }
}

function Outcome({
  title,
  children,
  signIn = false,
}: {
  title: string;
  children: ReactNode;
  signIn?: boolean;
}) {
  return (
    <AuthLayout>
      <PageTitle title={title}>{title}</PageTitle>
      <p>{children}</p>
      <p>
        <Link to="/login" className={signIn ? "button button-primary" : undefined}>
          {signIn ? "Sign in" : "Go to sign in"}
        </Link>
      </p>
    </AuthLayout>
  );
}

/** The invitation in words. The personal message is rendered as text, never as HTML. */
function InvitationSummary({ invitation }: { invitation: InvitationPreview }) {
  const inviter = invitation.inviterName ?? "An admin";
  return (
    <>
      <PageTitle title={`Join ${invitation.orgName}`}>
        {inviter} invited you to join {invitation.orgName} as {ORG_ROLE_LABELS[invitation.role]}
      </PageTitle>
      <dl className="facts facts-compact">
        {invitation.teamName && (
          <>
            <dt>Team</dt>
            <dd>
              {invitation.teamName}
              {invitation.teamRole && (
                <span className="muted"> · {TEAM_ROLE_LABELS[invitation.teamRole]}</span>
              )}
            </dd>
          </>
        )}
        {invitation.department && (
          <>
            <dt>Department</dt>
            <dd>{invitation.department}</dd>
          </>
        )}
        <dt>Link expires</dt>
        <dd>
          {formatLongDate(invitation.expiresAt)}{" "}
          <span className="muted">({formatRelative(invitation.expiresAt)})</span>
        </dd>
      </dl>
      {invitation.message && (
        <figure className="message">
          <blockquote>{invitation.message}</blockquote>
          <figcaption>— {inviter}</figcaption>
        </figure>
      )}
    </>
  );
}
