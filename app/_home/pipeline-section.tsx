import type { ReactNode } from "react";
import type { PipelineSummary } from "@/src/server/home/get-pipeline-summary";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoney, pluralize } from "@/src/ui/format";
import { AlertIcon, CalendarIcon, ClockIcon, LayersIcon } from "@/src/ui/icons";
import { Stat } from "@/src/ui/stat";
import { NextStepsCard } from "./next-steps-card";
import { StageBars } from "./stage-bars";
import { NewOpportunityLink } from "@/src/ui/new-opportunity-link";

type Props = {
  pipeline: PipelineSummary;
  scope: "own" | "team";
  canCreate: boolean;
  /** Shown under the stage bars, beside the next steps: a manager's approvals. */
  aside?: ReactNode;
};

export function PipelineSection({ pipeline, scope, canCreate, aside }: Props) {
  if (pipeline.openCount === 0) {
    return (
      <div className="space-y-6">
        <EmptyPipeline scope={scope} canCreate={canCreate} />
        {aside}
      </div>
    );
  }

  const money = (cents: bigint) => formatMoney(cents, pipeline.currency, { compact: true });
  return (
    <section aria-labelledby="pipeline-heading" className="space-y-6">
      <h2 id="pipeline-heading" className="sr-only">
        {scope === "own" ? "Your pipeline" : "Your team's pipeline"}
      </h2>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat
          label="Open pipeline"
          value={money(pipeline.openAmountCents)}
          detail={`across ${pluralize(pipeline.openCount, "open deal")}`}
          icon={<LayersIcon className="size-4" />}
          tone="accent"
        />
        <Stat
          label="Stalled"
          value={pipeline.stalledCount}
          detail="next step overdue or too long in stage"
          icon={<ClockIcon className="size-4" />}
          tone={pipeline.stalledCount > 0 ? "warning" : "neutral"}
        />
        <Stat
          label="Close date passed"
          value={pipeline.pastDueCloseCount}
          detail="still open after their close date"
          icon={<AlertIcon className="size-4" />}
          tone={pipeline.pastDueCloseCount > 0 ? "danger" : "neutral"}
        />
        <Stat
          label="Next steps this week"
          value={pipeline.dueThisWeekCount}
          detail="due in the next 7 days"
          icon={<CalendarIcon className="size-4" />}
        />
      </div>
      <div className="grid gap-6 xl:grid-cols-5">
        <div className="space-y-6 xl:col-span-2">
          <Card
            title="Pipeline by stage"
            description={
              pipeline.otherCurrencyCount > 0
                ? `Amounts in ${pipeline.currency}; ${pluralize(pipeline.otherCurrencyCount, "deal")} in other currencies counted only.`
                : "Open deals and their value in each stage."
            }
          >
            <StageBars stages={pipeline.stages} currency={pipeline.currency} />
          </Card>
          {aside}
        </div>
        <NextStepsCard className="xl:col-span-3 xl:self-start" rows={pipeline.nextSteps} />
      </div>
    </section>
  );
}

function EmptyPipeline({ scope, canCreate }: Pick<Props, "scope" | "canCreate">) {
  return (
    <Card>
      <EmptyState
        headingLevel={2}
        icon={<LayersIcon />}
        title="No open deals yet"
        description={
          scope === "own"
            ? "Create your first opportunity and it will appear here, with its stage, next step and what it takes to move it forward."
            : "When your team creates opportunities, their pipeline by stage and the next steps due will show here."
        }
        action={canCreate ? <NewOpportunityLink /> : null}
      />
    </Card>
  );
}
