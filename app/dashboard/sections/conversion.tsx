import { Chart } from "../charts/chart";
import { count, DashboardSection, DataTable, FigureLink, money, percent, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

export function ConversionSection({ metrics: m, deals }: SectionProps) {
  const rows = m.conversionByStage;
  return (
    <DashboardSection
      id="conversion"
      title="Conversion by stage"
      note="of the deals closed in the period that reached the stage (created in it, moved or re-opened into it, by the history), the share won, by count and by value."
    >
      {rows.every((s) => s.reached === 0) ? (
        <SectionEmpty title="No deal closed in this period" hint="Conversion counts closed deals: widen the period or choose another team." />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Chart
            summary="Bar chart of the share won from each stage, by count and by value"
            data={rows.map((s) => ({ name: s.name, unit: s.unitRate, value: s.valueRate }))}
            category="name"
            series={[
              { key: "unit", label: "By count", format: "percent" },
              { key: "value", label: "By value", format: "percent" },
            ]}
            currency={m.currency}
          />
          <DataTable
            caption="Conversion from each stage to won"
            head={["Stage", "Reached", "Won", "By count", "By value"]}
            rows={rows.map((s) => [
              s.name,
              <FigureLink
                key="r"
                href={deals({ figure: "reached", stage: s.stage })}
                label={`${s.reached} closed after reaching ${s.name}: see the deals`}
              >
                {count(s.reached)}
              </FigureLink>,
              <FigureLink
                key="w"
                href={deals({ figure: "reached_won", stage: s.stage })}
                label={`${s.won} won after reaching ${s.name}: see the deals`}
              >
                {count(s.won)}
              </FigureLink>,
              percent(s.unitRate),
              <span key="v" title={`${money(s.wonValue, m.currency)} of ${money(s.reachedValue, m.currency)}`}>
                {percent(s.valueRate)}
              </span>,
            ])}
          />
        </div>
      )}
    </DashboardSection>
  );
}
