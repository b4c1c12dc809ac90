// The deal at a glance: name, account, where it stands, and its headline figures.
import Link from "next/link";
import type { ReactNode } from "react";
import type { OpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { Badge } from "@/src/ui/badge";
import { formatMoney } from "@/src/ui/format";
import { formatDate } from "../../_lib/format";
import { STALL_REASONS } from "../../_lib/labels";

const STATUS = {
  open: { label: "Open", tone: "accent" },
  won: { label: "Closed Won", tone: "success" },
  lost: { label: "Closed Lost", tone: "danger" },
  disqualified: { label: "Disqualified", tone: "neutral" },
} as const;

const FORECAST: Record<string, string> = { pipeline: "Pipeline", best_case: "Best case", commit: "Commit", closed: "Closed", omitted: "Omitted" };

/** `closingOpen`: a won deal's checklist items not done (null for a deal not won). */
export function DealHeader({ page, closingOpen = null }: { page: OpportunityPage; closingOpen?: number | null }) {
  const { deal, permissions } = page;
  const stage = page.process.stages.find((s) => s.key === deal.stage)!;
  const status = STATUS[deal.status];
  const facts: [string, ReactNode, ReactNode?][] = [
    [
      "Amount",
      <span key="a" className="tabular-nums">
        {formatMoney(Math.round(deal.amount * 100), deal.currency)}
      </span>,
      `${deal.type === "new" ? "New customer" : "Expansion"} · ${deal.termMonths} months`,
    ],
    [
      "Close date",
      formatDate(deal.closeDate),
      deal.closeDatePushes ? (
        <span key="pushes" className="text-amber-800">
          Pushed {deal.closeDatePushes}× · {deal.closeDateSlipDays} days slipped
        </span>
      ) : (
        "Never pushed"
      ),
    ],
    ["Stage", deal.stageName, `${deal.probability}% · ${FORECAST[stage.forecastCategory] ?? stage.forecastCategory}`],
    ["Owner", deal.ownerName, `Created ${formatDate(deal.createdAt.slice(0, 10))}`],
  ];
  return (
    <header className="mb-6">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-[13px] text-ink-muted">
          <li>
            <Link href="/board" className="rounded hover:text-ink hover:underline">
              Board
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li className="truncate">{deal.accountName}</li>
        </ol>
      </nav>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 id="deal-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-ink focus:outline-none">
          {deal.name}
        </h1>
        <Badge tone={status.tone}>{status.label}</Badge>
        {closingOpen ? (
          <a href="#closing-checklist" className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent">
            <Badge tone="warning">
              Closing: {closingOpen} {closingOpen === 1 ? "item" : "items"} open
            </Badge>
          </a>
        ) : null}
        {deal.stalled ? <Badge tone="warning">Stalled: {deal.stallReasons.map((r) => STALL_REASONS[r]).join(", ")}</Badge> : null}
        {deal.overridden ? <Badge tone="warning">Criteria overridden</Badge> : null}
        {!permissions.canEdit && deal.status === "open" ? <Badge>View only</Badge> : null}
      </div>
      <dl className="mt-5 grid grid-cols-2 overflow-hidden rounded-card border border-line bg-surface shadow-card md:grid-cols-4">
        {facts.map(([label, value, detail], i) => (
          <div
            key={label}
            className={`px-5 py-3.5 ${i % 2 ? "border-l border-line" : ""} ${i >= 2 ? "border-t border-line md:border-t-0" : ""} ${i === 2 ? "md:border-l" : ""}`}
          >
            <dt className="text-[13px] font-medium text-ink-muted">{label}</dt>
            <dd className="mt-0.5 truncate text-[17px] font-semibold tracking-tight text-ink">{value}</dd>
            {detail ? <dd className="truncate text-xs text-ink-muted">{detail}</dd> : null}
          </div>
        ))}
      </dl>
    </header>
  );
}
