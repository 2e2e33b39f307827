import { useEffect } from "react";
import { AppHeader } from "../components/app-header";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { navigate } from "../router";
import { useSession } from "../session/session";

/** "/": the first organization when signed in, the sign-in page otherwise. */
export function RootRedirect() {
  const { state } = useSession();
  const first = state.status === "signed-in" ? state.me.memberships[0] : undefined;

  useEffect(() => {
    if (state.status === "signed-out") navigate("/login", { replace: true });
    else if (first) navigate(`/orgs/${first.orgId}`, { replace: true });
  }, [state.status, first]);

  if (state.status !== "signed-in" || first) return <Loading />;
  return (
    <>
      <AppHeader me={state.me} />
      <main id="main" className="page">
        <section className="card narrow">
          <PageTitle title="No organization">You are not in an organization yet</PageTitle>
          <p>
            Your account exists, but no organization has added you. Open the invite link a teammate sent you,
            or ask an admin of your organization for a new one.
          </p>
        </section>
      </main>
    </>
  );
}
