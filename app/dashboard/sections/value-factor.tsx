import { ButtonLink } from "@/src/ui/button";
import { Chart } from "../charts/chart";
import { DashboardSection, DataTable, FigureLink, money } from "../parts";
import type { SectionProps } from "./types";

const factor = (f: number | null) => (f === null ? "—" : `${f.toLocaleString("en-US", { maximumFractionDigits: 2 })}×`);

export function ValueFactorSection({ metrics: m, deals, targetsHref }: SectionProps) {
  const v = m.pipelineValueFactor;
  // A target is a team's: with one rep chosen there is none to set or compare with.
  const oneRep = m.scope.ownerId !== null;
  const noTarget = oneRep
    ? "A target is a team's: with one rep chosen, the factors are shown without the pipeline they would require."
    : `No target is set for this period in ${m.currency}: ${targetsHref ? "set one to see" : "the team's manager or an admin sets one, to show"} the pipeline each stage needs. Until then the factors are shown alone.`;
  return (
    <DashboardSection
      id="value-factor"
      title="Pipeline value factor"
      note="1 ÷ the value conversion from each stage to won over closed history; required pipeline = that × what is left of the target."
      action={
        targetsHref && !oneRep ? (
          <ButtonLink variant="secondary" size="sm" href={`${targetsHref}#targets`}>
            {v.target === null ? "Set the target" : "Change the target"}
          </ButtonLink>
        ) : undefined
      }
    >
      <p className="mb-4 text-sm text-ink-muted">
        {v.target === null
          ? noTarget
          : `Target ${money(v.target, m.currency)}, won so far ${money(v.wonInPeriod, m.currency)}: ${money(v.remainingTarget ?? 0, m.currency)} left to win.`}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        {v.target === null ? null : (
          <Chart
            summary="Bar chart of the pipeline each stage needs to make the rest of the target, beside the pipeline in the stage now"
            data={v.stages.map((s) => ({ name: s.name, required: s.requiredPipeline, present: s.presentPipeline }))}
            category="name"
            series={[
              { key: "required", label: "Required", format: "money" },
              { key: "present", label: "In the stage now", format: "money" },
            ]}
            currency={m.currency}
          />
        )}
        <DataTable
          caption="Pipeline value factor per stage"
          head={["Stage", "Factor", "Required pipeline", "In the stage now"]}
          rows={v.stages.map((s) => [
            s.name,
            factor(s.factor),
            s.requiredPipeline === null ? "—" : money(s.requiredPipeline, m.currency),
            <FigureLink key="p" href={deals({ figure: "balance", stage: s.stage })} label={`Open pipeline in ${s.name}: see the deals`}>
              {money(s.presentPipeline, m.currency)}
            </FigureLink>,
          ])}
        />
      </div>
    </DashboardSection>
  );
}
