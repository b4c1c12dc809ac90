import { count, DashboardSection, FigureLink, money, percent } from "../parts";
import { WhatIfVelocity } from "../what-if";
import type { SectionProps } from "./types";

export function VelocitySection({ metrics: m, deals }: SectionProps) {
  const v = m.velocity;
  const levers = [
    {
      label: "Qualified deals",
      value: (
        <FigureLink href={deals({ figure: "qualified" })} label={`${v.qualifiedDeals} qualified deals: see the deals`}>
          {count(v.qualifiedDeals)}
        </FigureLink>
      ),
    },
    { label: "Average won deal", value: v.averageWonValue === null ? "—" : money(v.averageWonValue, m.currency) },
    {
      label: "Win rate by count",
      value: (
        <FigureLink href={deals({ figure: "won" })} label={`Win rate ${percent(v.winRate)}: see the won deals`}>
          {percent(v.winRate)}
        </FigureLink>
      ),
    },
    { label: "Average sales cycle", value: v.averageCycleDays === null ? "—" : `${Math.round(v.averageCycleDays)} days` },
  ];
  return (
    <DashboardSection
      id="velocity"
      title="Sales velocity"
      note="qualified deals (open, past the first stage) × average won value × win rate by count ÷ average sales cycle (creation to close of the period's wins, in days): revenue per day."
    >
      <p className="text-2xl font-semibold tracking-tight text-ink tabular-nums">
        {m.salesVelocityPerDay === null ? "—" : `${money(m.salesVelocityPerDay, m.currency)} per day`}
      </p>
      {m.salesVelocityPerDay === null ? (
        <p className="mt-1 text-[13px] text-ink-muted">Velocity needs a win in the period: widen the period or choose another team.</p>
      ) : null}
      <dl className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {levers.map((l) => (
          <div key={l.label} className="rounded-lg border border-line p-3">
            <dt className="text-[13px] text-ink-muted">{l.label}</dt>
            <dd className="mt-0.5 text-base font-semibold text-ink tabular-nums">{l.value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4">
        <WhatIfVelocity levers={v} perDay={m.salesVelocityPerDay} currency={m.currency} />
      </div>
    </DashboardSection>
  );
}
