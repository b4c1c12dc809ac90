import type { NewDealForm } from "@/src/server/opportunity-page/get-new-deal-form";
import { Card } from "@/src/ui/card";
import { InfoIcon } from "@/src/ui/icons";

/** Where the new deal starts and what that stage will ask, and when terms need the deal desk. */
export function StartingStage({ form, className }: { form: NewDealForm; className?: string }) {
  const starts = form.oneProcess
    ? [{ title: `Starts in ${form.starts.new.firstStage.name}`, stage: form.starts.new.firstStage }]
    : [
        { title: `New business starts in ${form.starts.new.firstStage.name}`, stage: form.starts.new.firstStage },
        { title: `An expansion starts in ${form.starts.expansion.firstStage.name}`, stage: form.starts.expansion.firstStage },
      ];
  return (
    <div className={`space-y-6 ${className ?? ""}`}>
      {starts.map(({ title, stage }) => (
        <Card key={title} title={title} description={stage.definition}>
          <h3 className="text-[13px] font-semibold text-ink">To move on, it will need</h3>
          <ul className="mt-2 space-y-2">
            {stage.criteria.map((c) => (
              <li key={c} className="flex gap-2.5 text-sm text-ink-muted">
                <span aria-hidden="true" className="mt-0.5 size-4 shrink-0 rounded-full border-2 border-dashed border-zinc-300" />
                {c}
              </li>
            ))}
          </ul>
        </Card>
      ))}
      <Card title="When the deal desk approves" description="Terms like these make a deal non-standard: get approval before you promise them.">
        <ul className="space-y-1.5">
          {form.deskRules.map((r) => (
            <li key={r} className="flex gap-2 text-[13px] text-ink-muted">
              <InfoIcon className="mt-px size-4 shrink-0 text-ink-subtle" />
              {r}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
