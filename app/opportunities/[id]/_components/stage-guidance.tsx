// What the current stage means: its definition, goals, what the buyer is doing and what the
// seller does, in the process's own words.
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Card } from "@/src/ui/card";

function List({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <div>
      <h3 className="text-[13px] font-semibold text-ink">{title}</h3>
      <ul className="mt-1.5 space-y-1.5">
        {items.map((item) => (
          <li key={item} className="flex gap-2 text-[13px] leading-relaxed text-ink-muted">
            <span aria-hidden="true" className="mt-[0.55rem] size-1 shrink-0 rounded-full bg-zinc-400" />
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StageGuidance({ stage }: { stage: StageView }) {
  return (
    <Card
      title={`${stage.name}: what this stage means`}
      description={`${stage.probability}% win probability${stage.stallDays ? ` · stalls after ${stage.stallDays} days` : ""}`}
    >
      <div className="space-y-5">
        <p className="text-sm leading-relaxed text-ink">{stage.definition}</p>
        <List title="Goals" items={stage.goals} />
        <List title="What the buyer is doing" items={stage.buyerDoing} />
        <List title="Seller activities" items={stage.sellerActivities} />
        {stage.doneCorrectly || stage.doneIncorrectly ? (
          <div className="grid gap-2">
            {stage.doneCorrectly ? (
              <p className="rounded-lg bg-emerald-50 px-3 py-2 text-[13px] text-emerald-900">
                <span className="font-semibold">Done well: </span>
                {stage.doneCorrectly}
              </p>
            ) : null}
            {stage.doneIncorrectly ? (
              <p className="rounded-lg bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
                <span className="font-semibold">Done badly: </span>
                {stage.doneIncorrectly}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
