import Link from "next/link";
import type { ApprovalsSummary } from "@/src/server/home/get-approvals-summary";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { CheckIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { turnaround } from "@/src/domain/deal-desk/turnaround";

// Age in business hours, as the desk's queue counts it (docs/rules/deal-desk.md#turnaround).
const age = (hours: number) => (hours < 48 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`);

type Props = {
  approvals: ApprovalsSummary;
  now: Date;
  className?: string;
  /** For a narrow column: leaves out the groups each request needs. */
  compact?: boolean;
};

export function ApprovalsSection({ approvals, now, className, compact }: Props) {
  const groups = approvals.yourGroups.map((g) => GROUP_LABELS[g]).join(", ");
  return (
    <Card
      className={className}
      aria-labelledby="approvals-heading"
      title={<span id="approvals-heading">Pending approvals</span>}
      description="Approval requests for non-standard deals, oldest first."
      action={
        <Link href="/deal-desk" className="rounded text-[13px] font-medium text-accent hover:underline">
          Open the deal desk
        </Link>
      }
      flush
    >
      <dl className={`grid divide-x divide-line border-b border-line ${groups ? "grid-cols-2" : "grid-cols-1"}`}>
        <div className="px-5 py-4">
          <dt className="text-[13px] font-medium text-ink-muted">Pending requests</dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight text-ink tabular-nums" data-testid="pending-approvals">
            {approvals.pendingCount}
          </dd>
        </div>
        {groups ? (
          <div className="px-5 py-4">
            <dt className="text-[13px] font-medium text-ink-muted">Waiting on {groups}</dt>
            <dd className="mt-1 text-2xl font-semibold tracking-tight text-ink tabular-nums">{approvals.awaitingYouCount}</dd>
          </div>
        ) : null}
      </dl>
      {approvals.oldest.length === 0 ? (
        <EmptyState icon={<CheckIcon />} title="The queue is clear" description="No approval request is waiting for a decision." />
      ) : (
        <ul className="divide-y divide-line">
          {approvals.oldest.map((r) => {
            const { ageHours: hours, late } = turnaround(r.createdAt, r.targetHours, now);
            return (
              <li key={r.id} className="flex items-center gap-4 px-5 py-3.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-[13px] text-ink-muted">{r.accountName}</p>
                  <Link href={`/deal-desk/${r.id}`} className="block truncate rounded text-sm font-medium text-ink hover:text-accent hover:underline">
                    {r.opportunityName}
                  </Link>
                </div>
                {compact ? null : (
                  <div className="hidden flex-wrap justify-end gap-1 sm:flex">
                    {r.requiredGroups.map((g) => (
                      <Badge key={g}>{GROUP_LABELS[g]}</Badge>
                    ))}
                  </div>
                )}
                <Badge tone={late ? "danger" : "success"} className="shrink-0">
                  {late ? "Late · " : ""}
                  {age(hours)} old · target {r.targetHours}h
                </Badge>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
