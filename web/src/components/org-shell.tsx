import { type ReactNode, useEffect, useMemo } from "react";
import { errorMessage, isApiError } from "../api/client";
import { getOrganization } from "../api/endpoints";
import { useResource } from "../lib/use-resource";
import { navigate } from "../router";
import { OrgContext, orgContextValue } from "../session/org-context";
import { loginPath, useSession } from "../session/session";
import { AppHeader } from "./app-header";
import { ErrorText } from "./error-text";
import { Loading } from "./loading";
import { PageTitle } from "./page-title";

/** Signed-in pages of one organization: checks the session and membership, loads the org, draws the header. */
export function OrgShell({ orgId, children }: { orgId: string; children: ReactNode }) {
  const { state } = useSession();
  const me = state.status === "signed-in" ? state.me : null;
  const membership = me?.memberships.find((m) => m.orgId === orgId);
  const org = useResource(membership ? `org:${orgId}` : null, () => getOrganization(orgId));

  useEffect(() => {
    if (state.status === "signed-out") navigate(loginPath(), { replace: true });
  }, [state.status]);

  const value = useMemo(
    () => (me && membership && org.data ? orgContextValue(me, org.data, membership, org.reload) : null),
    [me, membership, org.data, org.reload],
  );

  if (!me) return <Loading />;
  let content: ReactNode;
  if (!membership || isApiError(org.error, "NOT_FOUND")) {
    content = (
      <section className="card narrow">
        <PageTitle title="Not found">Organization not found</PageTitle>
        <p>
          You are not a member of this organization, or it does not exist. Pick one of yours from the list
          above.
        </p>
      </section>
    );
  } else if (org.error) {
    content = <ErrorText message={errorMessage(org.error)} />;
  } else if (!value) {
    content = <Loading />;
  } else {
    content = <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
  }
  return (
    <>
      <AppHeader me={me} orgId={orgId} />
      <main id="main" className="page">
        {content}
      </main>
    </>
  );
}
