// The deals behind one number of the dashboard (docs/rules/dashboard.md, "The deals behind a
// number"): the same filters and the same conditions as the figure, so the count matches it;
// sortable, paged, and downloadable as CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/src/auth/current-actor";
import { type DealSort, FIGURE_PARAMS } from "@/src/domain/metrics/deal-figures";
import { AppError } from "@/src/errors";
import { DEALS_PAGE_SIZE, type DealsBehind, dealsBehind } from "@/src/server/metrics/deals-behind";
import { ButtonLink } from "@/src/ui/button";
import { EmptyState } from "@/src/ui/empty-state";
import { formatDay } from "@/src/ui/format";
import { PageHeader } from "@/src/ui/page-header";
import { type DashboardFilters, filterParams, type SearchParams } from "../dashboard-query";
import { DashboardFilterForm } from "../filters";
import { loadScope, rethrow } from "../load";
import { count, DownloadLink, money } from "../parts";
import { dealsBehindRequest, type FigureQuery, readFigure } from "./figure-query";

export const metadata: Metadata = { title: "Deals behind a number · Dashboard · Stageline" };

const STATUS_LABELS: Record<string, string> = { open: "Open", won: "Won", lost: "Lost", disqualified: "Disqualified" };

function listParams(filters: DashboardFilters, f: FigureQuery, change: Partial<Pick<FigureQuery, "sort" | "direction" | "page">> = {}) {
  const p = filterParams(filters);
  p.set("figure", f.ref.figure);
  for (const key of FIGURE_PARAMS) if (f.ref[key]) p.set(key, f.ref[key]);
  const sort = change.sort ?? f.sort;
  const direction = change.direction ?? f.direction;
  const page = change.page ?? f.page;
  if (sort !== "closeDate") p.set("sort", sort);
  if (direction !== "asc") p.set("direction", direction);
  if (page > 1) p.set("page", String(page));
  return p;
}

export default async function DealsBehindPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/dashboard");
  const params = await searchParams;
  const now = new Date();
  const { filters, period, problem, options } = await loadScope(actor, params, now);
  let figure: FigureQuery;
  let list: DealsBehind;
  try {
    figure = readFigure(params);
    list = await dealsBehind(
      actor,
      dealsBehindRequest(period, filters, figure, { offset: (figure.page - 1) * DEALS_PAGE_SIZE, limit: DEALS_PAGE_SIZE }),
      now,
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") rethrow(error);
    return (
      <>
        <PageHeader title="Deals behind a number" />
        <EmptyState
          headingLevel={2}
          title="This link does not name a number of the dashboard"
          description="It may be cut short or out of date. Open the dashboard and follow a number from there."
          action={<ButtonLink href={`/dashboard?${filterParams(filters).toString()}`}>Back to the dashboard</ButtonLink>}
        />
      </>
    );
  }
  const pages = Math.max(1, Math.ceil(list.total / DEALS_PAGE_SIZE));
  const movement = list.figure.figure === "movement";
  const hrefWith = (change: Partial<Pick<FigureQuery, "sort" | "direction" | "page">>) =>
    `/dashboard/deals?${listParams(filters, figure, change).toString()}`;
  const extra = Object.fromEntries(
    [...listParams(filters, figure, { page: 1 })].filter(([k]) => ["figure", "stage", "category", "kind", "name", "sort", "direction"].includes(k)),
  );
  const team = options.teams.find((t) => t.id === filters.teamId)?.name;
  const rep = options.people.find((p) => p.id === filters.ownerId)?.name;
  const scopeText = [
    rep ?? team ?? (options.teams.length > 1 ? "All your teams" : (options.teams[0]?.name ?? "Your team")),
    `${period.from} to ${period.to}`,
  ].join(" · ");

  const column = (sort: DealSort, label: string, right = false) => {
    const active = figure.sort === sort;
    const next = active && figure.direction === "asc" ? "desc" : "asc";
    return (
      <th
        scope="col"
        aria-sort={active ? (figure.direction === "asc" ? "ascending" : "descending") : undefined}
        className={`py-2 font-medium ${right ? "pl-3 text-right" : "pr-3 text-left"}`}
      >
        <Link
          href={hrefWith({ sort, direction: next, page: 1 })}
          aria-label={`${label}, sort ${next === "asc" ? "ascending" : "descending"}`}
          className="rounded-sm hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent print:no-underline"
        >
          {label}
          {active ? <span aria-hidden="true"> {figure.direction === "asc" ? "↑" : "↓"}</span> : null}
        </Link>
      </th>
    );
  };

  return (
    <>
      <p className="mb-2 text-[13px] print:hidden">
        <Link href={`/dashboard?${filterParams(filters).toString()}`} className="text-accent-ink underline underline-offset-2">
          ← Back to the dashboard
        </Link>
      </p>
      <PageHeader
        eyebrow="Deals behind a number"
        title={list.label}
        description={scopeText}
        actions={<DownloadLink href={`/dashboard/deals/export?${listParams(filters, figure, { page: 1 }).toString()}`}>Download CSV</DownloadLink>}
      />
      <DashboardFilterForm filters={filters} options={options} period={period} problem={problem} action="/dashboard/deals" extra={extra} />
      <section aria-labelledby="deals-title" className="rounded-card border border-line bg-surface shadow-card">
        <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-line px-5 py-4">
          <h2 id="deals-title" className="text-[15px] font-semibold text-ink">
            {count(list.total)} {list.total === 1 ? "deal" : "deals"}
          </h2>
          <p className="text-[13px] text-ink-muted">
            {money(list.value, list.currency)} in {list.currency}
            {list.valueNote ? ` (${list.valueNote})` : ""}
            {list.deals.some((d) => d.currency !== list.currency) ? "; deals in other currencies are listed but not added up" : ""}
          </p>
        </header>
        {list.total === 0 ? (
          <EmptyState
            title="No deal behind this number"
            description="Nothing in this scope and period. Widen the period or choose another team to see more."
            action={
              <ButtonLink href={`/dashboard?${filterParams(filters).toString()}`} variant="secondary">
                Back to the dashboard
              </ButtonLink>
            }
          />
        ) : (
          <div className="overflow-x-auto px-5">
            <table className="w-full text-sm">
              <caption className="sr-only">
                {list.label}: {count(list.total)} deals, page {figure.page} of {pages}
              </caption>
              <thead>
                <tr className="border-b border-line text-[13px] text-ink-muted">
                  {column("name", "Deal")}
                  <th scope="col" className="py-2 pr-3 text-left font-medium">
                    Owner
                  </th>
                  {column("stage", "Stage")}
                  <th scope="col" className="py-2 pr-3 text-left font-medium">
                    Status
                  </th>
                  {column("amount", "Amount", true)}
                  {column("closeDate", "Close date", true)}
                  {movement ? (
                    <th scope="col" className="py-2 pl-3 text-right font-medium">
                      Amount on {list.figure.since}
                    </th>
                  ) : null}
                  {list.figure.figure === "slippage" ? (
                    <>
                      <th scope="col" className="py-2 pl-3 text-right font-medium">
                        Pushes
                      </th>
                      <th scope="col" className="py-2 pl-3 text-right font-medium">
                        Days slipped
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.deals.map((d) => (
                  <tr key={d.id} className="border-b border-line last:border-0">
                    <th scope="row" className="py-2 pr-3 text-left font-medium text-ink">
                      <Link
                        href={`/opportunities/${d.id}`}
                        className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
                      >
                        {d.name}
                      </Link>
                      <span className="block text-[12px] font-normal text-ink-muted">{d.accountName}</span>
                    </th>
                    <td className="py-2 pr-3 text-ink">{d.ownerName}</td>
                    <td className="py-2 pr-3 text-ink">{d.stageName}</td>
                    <td className="py-2 pr-3 text-ink">{STATUS_LABELS[d.status] ?? d.status}</td>
                    <td className="py-2 pl-3 text-right text-ink tabular-nums">{money(d.amount, d.currency)}</td>
                    <td className="py-2 pl-3 text-right text-ink tabular-nums">
                      {formatDay(new Date(`${d.closeDate}T00:00:00Z`), { withYear: true })}
                    </td>
                    {movement ? (
                      <td className="py-2 pl-3 text-right text-ink tabular-nums">{d.amountThen == null ? "—" : money(d.amountThen, d.currency)}</td>
                    ) : null}
                    {list.figure.figure === "slippage" ? (
                      <>
                        <td className="py-2 pl-3 text-right text-ink tabular-nums">{d.pushes}</td>
                        <td className="py-2 pl-3 text-right text-ink tabular-nums">{d.daysSlipped}</td>
                      </>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-line px-5 py-3 text-sm print:hidden">
            {figure.page > 1 ? (
              <Link href={hrefWith({ page: figure.page - 1 })} className="text-accent-ink underline underline-offset-2">
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-ink-muted">
              Page {figure.page} of {pages}
            </span>
            {figure.page < pages ? (
              <Link href={hrefWith({ page: figure.page + 1 })} className="text-accent-ink underline underline-offset-2">
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </>
  );
}
