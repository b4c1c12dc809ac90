import type { ReactNode } from "react";
import { cx } from "./cx";

type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** 3 inside a titled card; 2 when the empty state is the card's only content. */
  headingLevel?: 2 | 3;
};

export function EmptyState({ icon, title, description, action, className, headingLevel = 3 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className={cx("flex flex-col items-center px-6 py-10 text-center", className)}>
      {icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-xl border border-line bg-canvas text-ink-muted">{icon}</div>
      ) : null}
      <Heading className="text-[15px] font-semibold text-ink">{title}</Heading>
      {description ? <p className="mt-1 max-w-sm text-sm text-ink-muted">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
