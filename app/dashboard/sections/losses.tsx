import type { DealFigure } from "@/src/domain/metrics/deal-figures";
import { Chart } from "../charts/chart";
import { count, DashboardSection, DataTable, FigureLink, money, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

const GROUPS: { key: "categories" | "competitors" | "missingFunctionality"; figure: DealFigure; title: string }[] = [
  { key: "categories", figure: "loss_category", title: "Loss category" },
  { key: "competitors", figure: "loss_competitor", title: "Competitor" },
  { key: "missingFunctionality", figure: "loss_missing", title: "Missing functionality" },
];

export function LossesSection({ metrics: m, deals }: SectionProps) {
  const l = m.lossAnalysis;
  const empty = GROUPS.every((g) => l[g.key].length === 0);
  return (
    <DashboardSection
      id="losses"
      title="Losses"
      note={`deals lost in the period by loss category, by competitor and by missing functionality ("none" left out), with count and value.`}
    >
      {empty ? (
        <SectionEmpty title="No deal lost in this period" hint="Widen the period, or choose another team or rep." />
      ) : (
        <div className="space-y-6">
          {l.categories.length > 0 ? (
            <Chart
              summary="Bar chart of the deals lost in the period by loss category"
              data={l.categories.map((c) => ({ name: c.label, count: c.count }))}
              category="name"
              series={[{ key: "count", label: "Deals lost", format: "count" }]}
              currency={m.currency}
            />
          ) : null}
          <div className="grid gap-6 lg:grid-cols-3">
            {GROUPS.map((g) => (
              <div key={g.key}>
                <h3 className="mb-1 text-sm font-semibold text-ink">{g.title}</h3>
                {l[g.key].length === 0 ? (
                  <p className="text-[13px] text-ink-muted">None recorded.</p>
                ) : (
                  <DataTable
                    caption={`Deals lost by ${g.title.toLowerCase()}`}
                    head={[g.title, "Deals", "Value"]}
                    rows={l[g.key].map((line) => [
                      line.label,
                      <FigureLink
                        key="c"
                        href={deals({ figure: g.figure, name: line.name })}
                        label={`${line.count} lost, ${line.label}: see the deals`}
                      >
                        {count(line.count)}
                      </FigureLink>,
                      money(line.value, m.currency),
                    ])}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
      )}
    </DashboardSection>
  );
}
