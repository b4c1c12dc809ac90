// Where a team's manager (for the teams they manage) or an admin (any team) sets what the dashboard
// compares the team with (docs/rules/dashboard.md, "Targets and deal sizes"): its bookings target for a
// period and currency, and the amounts from which a deal is a rock or a stone. In the dashboard's
// layout, so whoever may not view the dashboard gets the 403 page; a manager naming another team too.
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { toCalendarDate } from "@/src/domain/dates";
import { AppError } from "@/src/errors";
import { getTargetsPage } from "@/src/server/metrics/targets-page";
import { ButtonLink } from "@/src/ui/button";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import type { SearchParams } from "../dashboard-query";
import { rethrow } from "../load";
import { DealSizesForm } from "./deal-sizes-form";
import { presetOf, targetPeriods } from "./periods";
import { readTargetsQuery } from "./targets-query";
import { TargetsEditor } from "./targets-editor";

export const metadata: Metadata = { title: "Targets and deal sizes · Dashboard · Stageline" };

export default async function TargetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/dashboard/targets");
  if (!can(actor, "targets.set")) forbidden();
  const query = readTargetsQuery(await searchParams);
  const now = new Date();
  const { teams, team, settings, sizes } = await getTargetsPage(actor, query.teamId, now).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    return rethrow(error);
  });
  const presets = targetPeriods(toCalendarDate(now));
  const back = `/dashboard${team && teams.length > 1 ? `?teamId=${encodeURIComponent(team.id)}` : ""}`;

  const header = (
    <PageHeader
      title="Targets and deal sizes"
      description={
        team
          ? `${team.name}: the bookings target the pipeline value factor measures against, and the amounts that make a deal a rock, a stone or a pebble.`
          : "A team's bookings targets and deal sizes, for the dashboard."
      }
      actions={
        <ButtonLink variant="secondary" href={back}>
          Back to the dashboard
        </ButtonLink>
      }
    />
  );
  if (!team || !settings || !sizes)
    return (
      <>
        {header}
        <Card>
          <EmptyState
            headingLevel={2}
            title="No team to set targets for"
            description="Targets and deal sizes belong to a team, and you manage none yet. An admin names a team's manager in the admin console."
            action={<ButtonLink href="/dashboard">Back to the dashboard</ButtonLink>}
          />
        </Card>
      </>
    );

  // The form starts with the period and currency the dashboard link named, else this quarter.
  const start = query.from && query.to && query.from <= query.to ? { from: query.from, to: query.to } : presets.this_quarter;
  return (
    <>
      {header}
      {teams.length > 1 ? (
        <form
          method="get"
          aria-label="Choose a team"
          className="mb-6 flex flex-wrap items-end gap-3 rounded-card border border-line bg-surface p-4 shadow-card"
        >
          <div className="min-w-56">
            <label htmlFor="targets-team" className="mb-1 block text-[13px] font-medium text-ink">
              Team
            </label>
            <Select id="targets-team" name="teamId" defaultValue={team.id}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </form>
      ) : null}
      <div className="space-y-6">
        <Card
          id="targets"
          title="Bookings targets"
          description="The value to win in a period, per currency. The dashboard reads the target set for exactly its period: what is left of it, times each stage's factor, is the pipeline that stage needs."
        >
          <TargetsEditor
            key={team.id}
            teamId={team.id}
            teamName={team.name}
            targets={settings.targets}
            presets={presets}
            start={{ choice: presetOf(start, presets), ...start, currency: query.currency ?? sizes.currency }}
          />
        </Card>
        <Card
          id="deal-sizes"
          title="Rocks, stones and pebbles"
          description="An open deal from the rock amount up is a rock, from the stone amount up a stone, and below a pebble. Without amounts set, the team's 80th and 40th percentile deal size are used."
        >
          <DealSizesForm key={team.id} teamId={team.id} sizes={sizes} />
        </Card>
      </div>
    </>
  );
}
