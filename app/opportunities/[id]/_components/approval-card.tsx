// Where the deal stands with the deal desk: which groups must approve, the rules that made it
// non-standard, and the latest request with each group's decision. Requests are submitted and
// decided in the deal desk.
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { ApprovalRequestView } from "@/src/server/opportunity-page/page-details";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { CheckIcon, InfoIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { APPROVAL_STATUS, DECISION_LABELS } from "../../_lib/labels";
import { relativeTime } from "../../_lib/format";

const NOTE: Record<string, string> = {
  needed: "Submit an approval request from the deal desk before promising these terms.",
  stale: "The terms changed after they were approved: the approval no longer holds and must be sought again.",
  rejected: "The deal desk rejected these terms. Change them, or submit a new request with a stronger case.",
  pending: "Waiting for every required group to decide.",
  approved: "Every required group approved these terms.",
};

type Props = { approval: OpportunityResponse["approval"]; request: ApprovalRequestView | null; now: Date };

export function ApprovalCard({ approval, request, now }: Props) {
  const status = APPROVAL_STATUS[approval.status]!;
  return (
    <Card
      id="approval"
      className="scroll-mt-24"
      title="Deal desk approval"
      action={<Badge tone={status.tone}>{status.label}</Badge>}
      description={approval.required ? "Non-standard terms need the deal desk." : undefined}
    >
      {!approval.required ? (
        <p className="flex items-start gap-2 text-sm text-ink-muted">
          <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
          Standard terms: no approval needed.
        </p>
      ) : (
        <div className="space-y-4 text-sm">
          <div>
            <h3 className="text-[13px] font-medium text-ink-muted">Required from</h3>
            <div className="mt-1.5 flex flex-wrap gap-1.5">
              {approval.requiredGroups.map((g) => (
                <Badge key={g} tone="accent">
                  {GROUP_LABELS[g]}
                </Badge>
              ))}
            </div>
          </div>
          <div>
            <h3 className="text-[13px] font-medium text-ink-muted">Because</h3>
            <ul className="mt-1.5 space-y-1">
              {approval.reasons.map((r) => (
                <li key={r.key} className="flex gap-2 text-ink">
                  <span aria-hidden="true" className="mt-2 size-1 shrink-0 rounded-full bg-zinc-400" />
                  {r.label}
                </li>
              ))}
            </ul>
          </div>
          {request ? <RequestSummary request={request} now={now} /> : null}
          {NOTE[approval.status] ? (
            <p className="flex gap-2 rounded-lg bg-canvas px-3 py-2.5 text-[13px] text-ink-muted">
              <InfoIcon className="mt-0.5 size-4 shrink-0" />
              {NOTE[approval.status]}
            </p>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function RequestSummary({ request, now }: { request: ApprovalRequestView; now: Date }) {
  return (
    <div className="rounded-lg border border-line px-3 py-2.5">
      <p className="text-[13px] text-ink-muted">
        Requested by <span className="font-medium text-ink">{request.requestedByName}</span> ·{" "}
        <time dateTime={request.createdAt}>{relativeTime(request.createdAt, now)}</time>
      </p>
      {request.justification ? <p className="mt-1 text-[13px] text-ink">“{request.justification}”</p> : null}
      {request.decisions.length ? (
        <ul className="mt-2 space-y-1 border-t border-line pt-2">
          {request.decisions.map((d) => (
            <li key={d.group} className="text-[13px] text-ink-muted">
              <span className="font-medium text-ink">{GROUP_LABELS[d.group as keyof typeof GROUP_LABELS] ?? d.group}</span>:{" "}
              {DECISION_LABELS[d.decision] ?? d.decision} by {d.deciderName}
              {d.comment ? <span className="text-ink"> — “{d.comment}”</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
