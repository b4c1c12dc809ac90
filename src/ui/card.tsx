import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

type CardProps = Omit<ComponentProps<"section">, "title"> & {
  title?: ReactNode;
  description?: ReactNode;
  /** A link or button at the right of the header. */
  action?: ReactNode;
  /** Removes the body padding, for tables and lists that run to the edges. */
  flush?: boolean;
};

export function Card({ title, description, action, flush, className, children, ...props }: CardProps) {
  return (
    <section className={cx("rounded-card border border-line bg-surface shadow-card", className)} {...props}>
      {title || action ? (
        <header className="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
          <div className="min-w-0">
            {title ? <h2 className="text-[15px] font-semibold text-ink">{title}</h2> : null}
            {description ? <p className="mt-0.5 text-[13px] text-ink-muted">{description}</p> : null}
          </div>
          {action ? <div className="shrink-0">{action}</div> : null}
        </header>
      ) : null}
      <div className={flush ? undefined : "p-5"}>{children}</div>
    </section>
  );
}

/** The one line a flush card's list shows when it has nothing yet: an icon and a sentence. */
export function CardEmptyRow({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <div className="flex items-center gap-3 px-5 py-4 text-sm text-ink-muted [&>svg]:size-4 [&>svg]:shrink-0">
      {icon}
      {children}
    </div>
  );
}
