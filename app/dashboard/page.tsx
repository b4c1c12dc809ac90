// The manager's dashboard (docs/rules/dashboard.md): the figures of getMetrics for the filters in the
// URL, one section each, every number a link to the deals behind it.
//
// The scope is checked before anything streams: a team or rep the actor may not see is the 403 page
// with a 403 status. Only then do the header and filters go out, and the figures follow in their own
// Suspense boundary with a skeleton (a loading.tsx would start the response before the check, with
// a 200 status).
import type { Metadata } from "next";
import { Suspense } from "react";
import type { Actor } from "@/src/auth/actor";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import type { Period } from "@/src/domain/metrics/period";
import type { DashboardOptions } from "@/src/server/metrics/dashboard-options";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { maySetTargets } from "@/src/server/metrics/team-settings";
import { ButtonLink } from "@/src/ui/button";
import { PageHeader } from "@/src/ui/page-header";
import { type DashboardFilters, type SearchParams, dealsHref, filterParams } from "./dashboard-query";
import { DashboardFilterForm } from "./filters";
import { loadScope, rethrow } from "./load";
import { DownloadLink } from "./parts";
import { SECTIONS } from "./sections";
import { FiguresSkeleton } from "./skeleton";

export const metadata: Metadata = { title: "Dashboard · Stageline" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/dashboard");
  const now = new Date();
  const { filters, period, problem, options } = await loadScope(actor, await searchParams, now);
  const team = options.teams.find((t) => t.id === filters.teamId)?.name;
  const rep = options.people.find((p) => p.id === filters.ownerId)?.name;
  const scopeText = [
    rep ?? team ?? (options.teams.length > 1 ? "All your teams" : (options.teams[0]?.name ?? "Your team")),
    `${period.from} to ${period.to}`,
  ].join(" · ");
  const targets = targetsHref(actor, filters, period, options);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={scopeText}
        actions={
          <>
            {targets ? (
              <ButtonLink variant="secondary" size="sm" href={targets} className="print:hidden">
                Targets and deal sizes
              </ButtonLink>
            ) : null}
            <DownloadLink href={`/dashboard/export?${filterParams(filters).toString()}`}>Download figures (CSV)</DownloadLink>
          </>
        }
      />
      <DashboardFilterForm filters={filters} options={options} period={period} problem={problem} />
      <Suspense key={filterParams(filters).toString()} fallback={<FiguresSkeleton />}>
        <Figures actor={actor} filters={filters} period={period} now={now} targets={targets} />
      </Suspense>
    </>
  );
}

async function Figures({
  actor,
  filters,
  period,
  now,
  targets,
}: {
  actor: Actor;
  filters: DashboardFilters;
  period: Period;
  now: Date;
  targets: string | undefined;
}) {
  const metrics = await getMetrics(actor, { ...period, teamId: filters.teamId, ownerId: filters.ownerId, processKey: filters.processKey }, now).catch(
    rethrow,
  );
  const deals = (ref: Parameters<typeof dealsHref>[1], ownerId?: string) => dealsHref(ownerId ? { ...filters, ownerId } : filters, ref);
  const targetsHref = targets ? `${targets}&currency=${encodeURIComponent(metrics.currency)}` : undefined;
  return (
    <div className="space-y-6">
      <p className="text-[13px] text-ink-muted">
        Values in {metrics.currency}, the currency most deals in this scope use; deals in other currencies are counted, not added up.
      </p>
      {SECTIONS.map(({ id, Component }) => (
        <Component key={id} metrics={metrics} deals={deals} targetsHref={targetsHref} />
      ))}
    </div>
  );
}

/**
 * The targets page for the team in view (the chosen one, or the actor's only team) and the period,
 * for who may set that team's targets; with several teams in view, the page lets them choose.
 */
function targetsHref(actor: Actor, filters: DashboardFilters, period: Period, options: DashboardOptions): string | undefined {
  if (!can(actor, "targets.set")) return undefined;
  const teamId = filters.teamId ?? (options.teams.length === 1 ? options.teams[0]!.id : undefined);
  if (teamId ? !maySetTargets(actor, teamId) : !options.teams.some((t) => maySetTargets(actor, t.id))) return undefined;
  const p = new URLSearchParams();
  if (teamId) p.set("teamId", teamId);
  p.set("from", period.from);
  p.set("to", period.to);
  return `/dashboard/targets?${p.toString()}`;
}
