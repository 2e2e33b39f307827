import { type ReactNode, useEffect, useRef } from "react";

let isFirstPage = true;

/**
 * The page's <h1> and the document title. After a client-side navigation, focus moves to the heading
 * so that screen reader and keyboard users start at the top of the new page (not on the first load,
 * where the browser's own focus is right).
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Gatehouse`;
    if (isFirstPage) isFirstPage = false;
    else ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
