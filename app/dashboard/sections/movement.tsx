import { Chart } from "../charts/chart";
import type { MovementKind } from "@/src/domain/metrics/deal-figures";
import { count, DashboardSection, DataTable, FigureLink, money } from "../parts";
import type { SectionProps } from "./types";

const STEPS = [
  ["new", "new", "New deals"],
  ["pulledIn", "pulled", "Pulled into the period"],
  ["pushedOut", "pushed", "Pushed out of the period"],
  ["won", "won", "Won"],
  ["lost", "lost", "Lost"],
  ["disqualified", "disqualified", "Disqualified"],
  ["amountChanges", "amount", "Amount changes"],
] as const;

export function MovementSection({ metrics: m, deals }: SectionProps) {
  const mv = m.movement;
  const since = mv.since.slice(0, 10);
  const rows: { kind: MovementKind; name: string; count: number; value: number }[] = [
    { kind: "start", name: `Pipeline on ${since}`, count: mv.start.count, value: mv.start.value },
    ...STEPS.map(([key, kind, name]) => ({ kind, name, count: mv.steps[key].count, value: mv.steps[key].value })),
    { kind: "now", name: "Pipeline now", count: mv.now.count, value: mv.now.value },
  ];
  const link = (kind: MovementKind, label: string, text: string) => (
    <FigureLink href={deals({ figure: "movement", kind, since })} label={`${label}: see the deals`}>
      {text}
    </FigureLink>
  );
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
          rows={rows.map((r) => [
            r.name,
            link(r.kind, `${r.name}, ${count(r.count)} ${r.count === 1 ? "deal" : "deals"}`, count(r.count)),
            link(r.kind, `${r.name}, ${money(r.value, m.currency)}`, money(r.value, m.currency)),
          ])}
        />
      </div>
      <p className="mt-3 text-sm text-ink-muted">
        Of the deals in the pipeline both then and now,{" "}
        {link("forward", `${count(mv.movedForward)} moved to a later stage`, `${count(mv.movedForward)} moved to a later stage`)} and{" "}
        {link("back", `${count(mv.movedBack)} moved to an earlier one`, `${count(mv.movedBack)} to an earlier one`)}.
      </p>
    </DashboardSection>
  );
}
