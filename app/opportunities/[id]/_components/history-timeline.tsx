// The deal's whole story with who did it and when; oldest or newest first.
import type { HistoryItem, StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import { Card } from "@/src/ui/card";
import { cx } from "@/src/ui/cx";
import { exactTime, relativeTime } from "../../_lib/format";
import { describeEntry, type Tone } from "./history-entry";
import { HistoryOrder } from "./history-order";

const DOT: Record<Tone, string> = {
  accent: "bg-accent ring-accent-soft",
  success: "bg-emerald-600 ring-emerald-50",
  danger: "bg-red-600 ring-red-50",
  warning: "bg-amber-500 ring-amber-50",
  neutral: "bg-zinc-400 ring-zinc-100",
};

type Props = { items: HistoryItem[]; stages: StageView[]; currency: string; now: Date; lossCategories: readonly LossCategory[] };

export function HistoryTimeline({ items, stages, currency, now, lossCategories }: Props) {
  const entries = items.map((e) => {
    const { tone, title, body } = describeEntry(e, { stages, currency, lossCategories });
    return (
      <li key={e.id} className="relative pb-5 pl-7 last:pb-0" data-history-type={e.type}>
        <span aria-hidden="true" className={cx("absolute top-1.5 left-0 size-2.5 rounded-full ring-4", DOT[tone])} />
        <div className="text-sm text-ink">{title}</div>
        {body}
        <p className="mt-1 text-xs text-ink-muted">
          {e.actorName ?? "Stageline"} ·{" "}
          <time dateTime={e.at} title={exactTime(e.at)}>
            {relativeTime(e.at, now)}
          </time>
        </p>
      </li>
    );
  });
  return (
    <Card
      id="history"
      className="scroll-mt-24"
      title="History"
      description={`${items.length} ${items.length === 1 ? "entry" : "entries"}: every change, who made it and when.`}
      flush
    >
      <HistoryOrder entries={entries} />
    </Card>
  );
}
