// The figures as CSV (GET /api/v1/metrics with Accept: text/csv): one row per measure, in long form
// (section, item, measure, value), so every figure fits one sheet and a pivot table.
import Papa from "papaparse";
import type { Metrics } from "./get-metrics";

type Row = { section: string; item: string; measure: string; value: string | number | null };

export function metricsCsv(m: Metrics): string {
  const rows: Row[] = [];
  const add = (section: string, item: string, measures: Record<string, string | number | null>) => {
    for (const [measure, value] of Object.entries(measures)) rows.push({ section, item, measure, value });
  };
  add("period", "", { from: m.period.from, to: m.period.to, currency: m.currency, process: m.scope.processKey });
  add("win_rate", "", {
    unit: m.unitWinRate,
    value: m.valueWinRate,
    unit_with_open: m.unitWinRateWithOpen,
    value_with_open: m.valueWinRateWithOpen,
    ...m.winRateCounts,
  });
  for (const s of m.conversionByStage)
    add("conversion", s.stage, {
      reached: s.reached,
      won: s.won,
      reached_value: s.reachedValue,
      won_value: s.wonValue,
      unit_rate: s.unitRate,
      value_rate: s.valueRate,
    });
  add("velocity", "", { per_day: m.salesVelocityPerDay, ...m.velocity });
  for (const s of m.byStage) add("by_stage", s.stage, { count: s.count, value: s.value, weighted_value: s.weightedValue });
  for (const f of m.forecastByCategory) add("forecast", f.category, { count: f.count, value: f.value });
  add("forecast", "weighted_pipeline", { value: m.weightedPipeline });
  const { share, ...counts } = m.dataIntegrity;
  add("data_integrity", "", { ...counts, ...Object.fromEntries(Object.entries(share).map(([k, v]) => [`share_${k}`, v])) });
  for (const [kind, lines] of Object.entries(m.lossAnalysis)) for (const l of lines) add(`loss_${kind}`, l.name, { count: l.count, value: l.value });
  for (const s of m.slippage) add("slippage", s.ownerName, { pushes: s.pushes, days_slipped: s.daysSlipped });
  add("pipeline_value_factor", "", {
    target: m.pipelineValueFactor.target,
    won_in_period: m.pipelineValueFactor.wonInPeriod,
    remaining_target: m.pipelineValueFactor.remainingTarget,
  });
  for (const s of m.pipelineValueFactor.stages)
    add("pipeline_value_factor", s.stage, { factor: s.factor, required_pipeline: s.requiredPipeline, present_pipeline: s.presentPipeline });
  for (const c of m.sizeMix.classes) add("size_mix", c.size, { count: c.count, value: c.value, share: c.share });
  add("movement", "start", { since: m.movement.since, ...m.movement.start });
  for (const [step, v] of Object.entries(m.movement.steps)) add("movement", step, v);
  add("movement", "now", { ...m.movement.now, moved_forward: m.movement.movedForward, moved_back: m.movement.movedBack });
  // A cell that starts like a formula is quoted so a spreadsheet shows it as text.
  return Papa.unparse(rows, { columns: ["section", "item", "measure", "value"], escapeFormulae: true });
}
