import type { IntegrityKind } from "@/src/domain/metrics/deal-figures";
import { count, DashboardSection, DataTable, FigureLink, percent, SectionEmpty } from "../parts";
import type { SectionProps } from "./types";

const KINDS: { kind: IntegrityKind; label: string }[] = [
  { kind: "pastDueCloseDate", label: "Close date past due" },
  { kind: "noNextStep", label: "No next step" },
  { kind: "stalled", label: "Stalled" },
  { kind: "overridden", label: "A criterion overridden" },
  { kind: "any", label: "Any of these" },
];

export function IntegritySection({ metrics: m, deals }: SectionProps) {
  const d = m.dataIntegrity;
  return (
    <DashboardSection
      id="integrity"
      title="Data integrity"
      note="open deals with a close date before today, no next step, stalled (next step overdue or too long in the stage), or a criterion passed by a manager's override; each as a count and a share of the open deals."
    >
      {d.open === 0 ? (
        <SectionEmpty title="No open deal in this scope" hint="Choose another team or rep, or another process." />
      ) : (
        <DataTable
          caption="Open deals with a data problem"
          head={["Problem", "Deals", "Share of open deals"]}
          rows={KINDS.map((k) => [
            k.label,
            <FigureLink key="c" href={deals({ figure: "integrity", kind: k.kind })} label={`${d[k.kind]} ${k.label.toLowerCase()}: see the deals`}>
              {count(d[k.kind])}
            </FigureLink>,
            percent(d.share[k.kind]),
          ])}
        />
      )}
      <p className="mt-3 text-[13px] text-ink-muted">
        Of{" "}
        <FigureLink href={deals({ figure: "open" })} label={`${d.open} open deals: see the deals`}>
          {count(d.open)} open deals
        </FigureLink>
        .
      </p>
    </DashboardSection>
  );
}
