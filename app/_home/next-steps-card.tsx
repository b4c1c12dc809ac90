import Link from "next/link";
import type { NextStepRow } from "@/src/server/home/find-next-steps";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatDay, formatMoney } from "@/src/ui/format";
import { CalendarIcon } from "@/src/ui/icons";

export function NextStepsCard({ rows, className }: { rows: NextStepRow[]; className?: string }) {
  return (
    <Card className={className} title="Next steps due this week" description="The soonest next steps on your open deals, overdue first." flush>
      {rows.length === 0 ? (
        <EmptyState icon={<CalendarIcon />} title="Nothing due this week" description="Every open deal's next step is more than a week away." />
      ) : (
        <ul className="divide-y divide-line">
          {rows.map((r) => (
            <li key={r.id} className="flex items-start gap-4 px-5 py-3.5">
              <div className="min-w-0 flex-1">
                <p className="truncate text-[13px] text-ink-muted">{r.accountName}</p>
                <Link
                  href={`/opportunities/${r.id}`}
                  className="block truncate rounded text-sm font-medium text-ink hover:text-accent hover:underline"
                >
                  {r.name}
                </Link>
                <p className="mt-1 line-clamp-1 text-[13px] text-ink-muted">
                  {r.nextStep ? r.nextStep : <span className="italic">No next step written</span>}
                </p>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1.5">
                <Badge tone={r.isOverdue ? "danger" : "neutral"}>
                  <span className="sr-only">Due </span>
                  {r.isOverdue ? `Overdue · ${formatDay(r.nextStepDue)}` : formatDay(r.nextStepDue)}
                </Badge>
                <span className="text-[13px] text-ink-muted">
                  {r.stageName} · <span className="font-medium text-ink tabular-nums">{formatMoney(r.amountCents, r.currency)}</span>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
