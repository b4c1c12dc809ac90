// "The target decision date cannot change silently" (002): every change, old → new, how far it
// slipped, who moved it and why; the pushes and the total slip in the header.
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { CloseDateChangeView } from "@/src/server/opportunity-page/page-details";
import { Badge } from "@/src/ui/badge";
import { Card, CardEmptyRow } from "@/src/ui/card";
import { ArrowRightIcon, CalendarIcon } from "@/src/ui/icons";
import { exactTime, formatDate, relativeTime, signedDays } from "../../_lib/format";

type Props = { deal: OpportunityResponse; changes: CloseDateChangeView[]; now: Date };

export function CloseDateHistory({ deal, changes, now }: Props) {
  const pushes = deal.closeDatePushes;
  return (
    <Card
      id="close-date-history"
      className="scroll-mt-24"
      title="Close date history"
      description={
        pushes === 0 && changes.length === 0
          ? `Unchanged since the deal was created, ${formatDate(deal.originalCloseDate)}.`
          : `First set to ${formatDate(deal.originalCloseDate)}.`
      }
      action={
        <div className="flex flex-col items-end gap-1" data-testid="close-date-pushes">
          <Badge tone={pushes > 0 ? "warning" : "neutral"}>
            {pushes} {pushes === 1 ? "push" : "pushes"}
          </Badge>
          <span className="text-xs text-ink-muted">{deal.closeDateSlipDays > 0 ? `${signedDays(deal.closeDateSlipDays)} slipped` : "no slip"}</span>
        </div>
      }
      flush
    >
      {changes.length === 0 ? (
        <CardEmptyRow icon={<CalendarIcon />}>No changes to the close date.</CardEmptyRow>
      ) : (
        <ol className="divide-y divide-line">
          {changes.map((c) => (
            <li key={c.id} className="px-5 py-3.5">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="flex items-center gap-1.5 text-sm font-medium text-ink tabular-nums">
                  <span className="text-ink-muted line-through decoration-zinc-400">{formatDate(c.oldDate)}</span>
                  <ArrowRightIcon className="size-3.5 text-ink-subtle" />
                  <span className="sr-only">to</span>
                  {formatDate(c.newDate)}
                </p>
                <Badge tone={c.slipDays > 0 ? "warning" : "success"}>{signedDays(c.slipDays)}</Badge>
              </div>
              {c.reason ? <p className="mt-1 text-[13px] text-ink">“{c.reason}”</p> : null}
              <p className="mt-1 text-xs text-ink-muted">
                {c.byName ?? "Someone"} ·{" "}
                <time dateTime={c.at} title={exactTime(c.at)}>
                  {relativeTime(c.at, now)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
