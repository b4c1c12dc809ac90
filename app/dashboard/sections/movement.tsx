import { Chart } from "../charts/chart";
import { count, DashboardSection, DataTable, money } from "../parts";
import type { SectionProps } from "./types";

const STEPS = [
  ["new", "New deals"],
  ["pulledIn", "Pulled into the period"],
  ["pushedOut", "Pushed out of the period"],
  ["won", "Won"],
  ["lost", "Lost"],
  ["disqualified", "Disqualified"],
  ["amountChanges", "Amount changes"],
] as const;

export function MovementSection({ metrics: m }: SectionProps) {
  const mv = m.movement;
  const since = mv.since.slice(0, 10);
  const rows = [
    { name: `Pipeline on ${since}`, count: mv.start.count, value: mv.start.value },
    ...STEPS.map(([key, name]) => ({ name, count: mv.steps[key].count, value: mv.steps[key].value })),
    { name: "Pipeline now", count: mv.now.count, value: mv.now.value },
  ];
  return (
    <DashboardSection
      id="movement"
      title="Pipeline movement"
      note={`from the pipeline on ${since} (open deals due in the period) to the pipeline now, rebuilt from each deal's history: then + every change = now.`}
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <Chart
          summary="Bar chart of the pipeline then, what each kind of change added or took away, and the pipeline now"
          data={rows.map((r) => ({ name: r.name, value: r.value }))}
          category="name"
          series={[{ key: "value", label: "Value", format: "money" }]}
          currency={m.currency}
        />
        <DataTable
          caption="From the pipeline then to the pipeline now"
          head={["", "Deals", "Value"]}
          rows={rows.map((r) => [r.name, count(r.count), money(r.value, m.currency)])}
        />
      </div>
      <p className="mt-3 text-sm text-ink-muted">
        Of the deals in the pipeline both then and now, {count(mv.movedForward)} moved to a later stage and {count(mv.movedBack)} to an earlier one.
      </p>
    </DashboardSection>
  );
}
