import type { StageTotal } from "@/src/server/home/get-pipeline-summary";
import { formatMoney, pluralize } from "@/src/ui/format";

/** One row per stage: its name, a bar for its share of the value, and the figures in words. */
export function StageBars({ stages, currency }: { stages: StageTotal[]; currency: string }) {
  const max = stages.reduce((m, s) => (s.amountCents > m ? s.amountCents : m), 0n);
  return (
    <ul className="space-y-4">
      {stages.map((s) => {
        const share = max > 0n ? Number((s.amountCents * 1000n) / max) / 10 : 0;
        return (
          <li key={s.key}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium text-ink">{s.name}</span>
              <span className="text-ink-muted tabular-nums">
                <span className="sr-only">{pluralize(s.count, "deal")}, </span>
                <span aria-hidden="true">{s.count} · </span>
                <span className="font-medium text-ink">{formatMoney(s.amountCents, currency, { compact: true })}</span>
              </span>
            </div>
            <div aria-hidden="true" className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-100">
              <div className="h-full rounded-full bg-accent" style={{ width: s.count > 0 ? `max(${share}%, 0.375rem)` : "0" }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
