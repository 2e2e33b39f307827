import { AuthLayout } from "../components/auth-layout";
import { PageTitle } from "../components/page-title";
import { Link } from "../router";

export function NotFoundPage() {
  return (
    <AuthLayout>
      <PageTitle title="Page not found">Page not found</PageTitle>
      <p>There is nothing at this address. It may have moved, or the link is wrong.</p>
      <p>
        <Link to="/">Go to Gatehouse</Link>
      </p>
    </AuthLayout>
  );
}
