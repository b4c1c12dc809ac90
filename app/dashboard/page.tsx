// The manager's dashboard (docs/rules/dashboard.md): the figures of getMetrics for the filters in the
// URL, one section each, every number a link to the deals behind it.
import type { Metadata } from "next";
import { requireActor } from "@/src/auth/current-actor";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { PageHeader } from "@/src/ui/page-header";
import { type SearchParams, dealsHref, filterParams } from "./dashboard-query";
import { DashboardFilterForm } from "./filters";
import { loadScope, rethrow } from "./load";
import { DownloadLink } from "./parts";
import { SECTIONS } from "./sections";

export const metadata: Metadata = { title: "Dashboard · Stageline" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/dashboard");
  const now = new Date();
  const { filters, period, problem, options } = await loadScope(actor, await searchParams, now);
  const metrics = await getMetrics(actor, { ...period, teamId: filters.teamId, ownerId: filters.ownerId, processKey: filters.processKey }, now).catch(
    rethrow,
  );
  const team = options.teams.find((t) => t.id === filters.teamId)?.name;
  const rep = options.people.find((p) => p.id === filters.ownerId)?.name;
  const scopeText = [
    rep ?? team ?? (options.teams.length > 1 ? "All your teams" : (options.teams[0]?.name ?? "Your team")),
    `${period.from} to ${period.to}`,
    metrics.currency,
  ].join(" · ");
  const deals = (ref: Parameters<typeof dealsHref>[1], ownerId?: string) => dealsHref(ownerId ? { ...filters, ownerId } : filters, ref);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={scopeText}
        actions={<DownloadLink href={`/dashboard/export?${filterParams(filters).toString()}`}>Download figures (CSV)</DownloadLink>}
      />
      <DashboardFilterForm filters={filters} options={options} period={period} problem={problem} />
      <div className="space-y-6">
        {SECTIONS.map(({ id, Component }) => (
          <Component key={id} metrics={metrics} deals={deals} />
        ))}
      </div>
    </>
  );
}
