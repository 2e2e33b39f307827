import type { ReactNode } from "react";
import { PageTitle } from "./page-title";

type PageHeaderProps = {
  /** The document title; also the heading unless `heading` is given. */
  title: string;
  /** A heading that fills in once data loads: the title stays put, so focus does not jump to it. */
  heading?: ReactNode;
  help?: ReactNode;
  children?: ReactNode;
};

/** A settings page's title, its one-line help, and its main action on the right. */
export function PageHeader({ title, heading, help, children }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div>
        <PageTitle title={title}>{heading ?? title}</PageTitle>
        {help && <p className="page-help">{help}</p>}
      </div>
      {children && <div className="page-header-action">{children}</div>}
    </div>
  );
}
