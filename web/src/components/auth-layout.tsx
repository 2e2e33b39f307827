import type { ReactNode } from "react";

/** The centred card of the signed-out pages (sign-in, setup, invitation links). */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-brand">
        <img src="/favicon.svg" alt="" width="32" height="32" />
        <span>Gatehouse</span>
      </div>
      <section className={wide ? "card auth-card auth-card-wide" : "card auth-card"}>{children}</section>
    </main>
  );
}
