// The pieces every section of the dashboard is made of: the section's card with its "how this is
// computed" note, a number that links to the deals behind it, formats, and a plain data table.
import Link from "next/link";
import type { ReactNode } from "react";
import { formatMoney } from "@/src/ui/format";

export function DashboardSection({
  id,
  title,
  note,
  action,
  children,
}: {
  id: string;
  title: string;
  /** One line: how the figures are computed (docs/rules/dashboard.md). */
  note: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="break-inside-avoid rounded-card border border-line bg-surface shadow-card print:border-zinc-400 print:shadow-none"
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-[15px] font-semibold text-ink">
            {title}
          </h2>
          <p className="mt-0.5 text-[13px] text-ink-muted">
            <span className="font-medium">How this is computed:</span> {note}
          </p>
        </div>
        {action ? <div className="shrink-0 print:hidden">{action}</div> : null}
      </header>
      <div className="p-5">{children}</div>
    </section>
  );
}

/** A number that opens the list of deals behind it. */
export function FigureLink({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-label={label}
      className="rounded-sm text-accent-ink underline decoration-accent/40 underline-offset-2 hover:decoration-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent print:text-ink print:no-underline"
    >
      {children}
    </Link>
  );
}

export const money = (value: number, currency: string, compact = false) => formatMoney(Math.round(value * 100), currency, { compact });
export const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`);
export const count = (n: number) => n.toLocaleString("en-US");

/** A small data table: the figures themselves, and the text alternative of the chart beside it. */
export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-left text-[13px] text-ink-muted">
            {head.map((h, i) => (
              <th key={h} scope="col" className={i === 0 ? "py-2 pr-3 font-medium" : "py-2 pl-3 text-right font-medium"}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed table, never reordered
            <tr key={r} className="border-b border-line last:border-0">
              {cells.map((cell, i) =>
                i === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
                  <th key={i} scope="row" className="py-2 pr-3 text-left font-medium text-ink">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
                  <td key={i} className="py-2 pl-3 text-right text-ink tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a section shows when it has nothing to count, and what to do about it. */
export function SectionEmpty({ title, hint }: { title: string; hint: string }) {
  return (
    <div className="rounded-lg border border-dashed border-line-strong px-4 py-6 text-center">
      <p className="text-sm font-medium text-ink">{title}</p>
      <p className="mt-1 text-[13px] text-ink-muted">{hint}</p>
    </div>
  );
}

/**
 * A file download (a route handler's CSV): a plain link, which the browser follows itself, not a
 * client-side navigation; it looks like a secondary button.
 */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      download
      className="inline-flex h-10 items-center justify-center gap-2 whitespace-nowrap rounded-lg border border-line-strong bg-surface px-4 text-sm font-medium text-ink shadow-xs transition-colors hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent print:hidden"
    >
      {children}
    </a>
  );
}
