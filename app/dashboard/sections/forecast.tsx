import { FORECAST_LABELS } from "../labels";
import { count, DashboardSection, DataTable, FigureLink, money } from "../parts";
import type { SectionProps } from "./types";

export function ForecastSection({ metrics: m, deals }: SectionProps) {
  return (
    <DashboardSection
      id="forecast"
      title="Forecast"
      note="open deals by their stage's forecast category (Pipeline, Best Case, Commit; Omitted left out), and Closed: the period's wins; the weighted pipeline is Σ value × probability."
    >
      <p role="note" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
        A weighted pipeline is an estimate: ten deals at 10% are not a signed contract. Commit to what is in Commit and Closed.
      </p>
      <DataTable
        caption="Forecast by category"
        head={["Category", "Deals", "Value"]}
        rows={m.forecastByCategory.map((f) => [
          FORECAST_LABELS[f.category],
          <FigureLink
            key="c"
            href={deals({ figure: "forecast", category: f.category })}
            label={`${f.count} in ${FORECAST_LABELS[f.category]}: see the deals`}
          >
            {count(f.count)}
          </FigureLink>,
          money(f.value, m.currency),
        ])}
      />
      <p className="mt-3 text-sm text-ink">
        Weighted pipeline: <strong className="tabular-nums">{money(m.weightedPipeline, m.currency)}</strong>
      </p>
    </DashboardSection>
  );
}
