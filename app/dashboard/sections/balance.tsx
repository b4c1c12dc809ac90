import { Chart } from "../charts/chart";
import { count, DashboardSection, DataTable, FigureLink, money, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

export function BalanceSection({ metrics: m, deals }: SectionProps) {
  const rows = m.byStage;
  return (
    <DashboardSection id="balance" title="Balance by stage" note="open deals per stage: count, value, and value × the stage's probability.">
      {rows.every((s) => s.count === 0) ? (
        <SectionEmpty title="No open deal in this scope" hint="Choose another team or rep, or another process." />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Chart
            summary="Bar chart of the open pipeline's value per stage, and its weighted value"
            data={rows.map((s) => ({ name: s.name, value: s.value, weighted: s.weightedValue }))}
            category="name"
            series={[
              { key: "value", label: "Value", format: "money" },
              { key: "weighted", label: "Weighted", format: "money" },
            ]}
            currency={m.currency}
          />
          <DataTable
            caption="Open deals per stage"
            head={["Stage", "Deals", "Value", "Weighted"]}
            rows={rows.map((s) => [
              s.name,
              <FigureLink key="c" href={deals({ figure: "balance", stage: s.stage })} label={`${s.count} open in ${s.name}: see the deals`}>
                {count(s.count)}
              </FigureLink>,
              money(s.value, m.currency),
              money(s.weightedValue, m.currency),
            ])}
          />
        </div>
      )}
    </DashboardSection>
  );
}
