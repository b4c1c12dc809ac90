// Where the deal stands with the deal desk, in words: which groups must approve and why, the latest
// request with the groups still pending and who decided what, a link to it on the desk, and the
// controls: submit (or submit again) with a justification, and withdraw a pending request. Who may
// submit and withdraw is the server's answer (maySubmitApproval, youMayWithdraw).
import Link from "next/link";
import { changesInWords, DECISION_VERBS, groupsInWords } from "@/app/deal-desk/(queue)/_components/approval-words";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { CheckIcon, ExternalIcon, InfoIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { ApprovalSubmitForm } from "../../_kit/approval-submit-form";
import { WithdrawApproval } from "../../_kit/withdraw-approval";
import { relativeTime } from "../../_lib/format";
import { APPROVAL_STATUS } from "../../_lib/labels";

type Approval = OpportunityResponse["approval"];
type Request = ApprovalRequestResponse;

/** The statuses in which the rep submits: a first request, or again after a refusal or a change. */
const SUBMITTABLE = new Set(["needed", "rejected", "changes_requested", "stale"]);

const decider = (request: Request | null, decision: Request["decisions"][number]["decision"]) => {
  const d = request?.decisions.find((x) => x.decision === decision);
  return d ? `${GROUP_LABELS[d.group]} (${d.decider.name})` : null;
};

export function statusWords(status: string, approval: Approval, request: Request | null): string {
  switch (status) {
    case "not_required":
      return "Standard terms: no approval needed.";
    case "needed":
      return request?.status === "withdrawn"
        ? "The last request was withdrawn. These terms need the deal desk's approval before the deal leaves Negotiate."
        : "These terms need the deal desk's approval before the deal leaves Negotiate.";
    case "pending":
      return request?.pendingGroups.length
        ? `Pending with the deal desk: waiting on ${groupsInWords(request.pendingGroups)}.`
        : "Pending with the deal desk.";
    case "approved":
      return "Approved: every required group approved these terms.";
    case "rejected": {
      const by = decider(request, "reject");
      return `Rejected${by ? ` by ${by}` : ""}. Change the terms, or submit again with a stronger case.`;
    }
    case "changes_requested": {
      const by = decider(request, "request_changes");
      return `${by ? `${by} asked` : "The deal desk asked"} for changes. Change the deal, then submit it again.`;
    }
    case "stale":
      return approval.changedTerms.length
        ? `The approval no longer holds: ${changesInWords(approval.changedTerms)}. Submit the terms again.`
        : "The approval no longer holds: the rules now ask a group the request was not routed to. Submit the terms again.";
    default:
      return "";
  }
}

type Props = { approval: Approval; request: Request | null; maySubmit: boolean; now: Date };

export function ApprovalCard({ approval, request, maySubmit, now }: Props) {
  const status = approval.status;
  const shown = APPROVAL_STATUS[status] ?? { label: status, tone: "neutral" as const };
  const words = statusWords(status, approval, request);
  return (
    <Card
      id="approval"
      className="scroll-mt-24"
      title="Deal desk approval"
      action={<Badge tone={shown.tone}>{shown.label}</Badge>}
      description={approval.required ? "Non-standard terms need the deal desk." : undefined}
    >
      <div className="space-y-4 text-sm">
        <p className="flex items-start gap-2 text-ink">
          {approval.required ? (
            <InfoIcon className="mt-0.5 size-4 shrink-0 text-ink-muted" />
          ) : (
            <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
          )}
          {words}
        </p>
        {approval.required ? (
          <>
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
          </>
        ) : null}
        {request ? <RequestSummary request={request} now={now} /> : null}
        {maySubmit && SUBMITTABLE.has(status) ? (
          <section aria-labelledby="approval-submit-heading" className="space-y-2 border-t border-line pt-4">
            <h3 id="approval-submit-heading" className="text-sm font-semibold text-ink">
              {status === "needed" ? "Submit for approval" : "Submit again"}
            </h3>
            <ApprovalSubmitForm
              submitLabel={status === "needed" ? "Submit for approval" : "Submit again"}
              detail={
                status === "needed"
                  ? `The request goes to ${groupsInWords(approval.requiredGroups)}.`
                  : "A new request is made, linked to the last one. Approvals the change could not have touched carry over; the other groups decide again."
              }
            />
          </section>
        ) : null}
        {request ? <WithdrawApproval requestId={request.id} may={request.youMayWithdraw} /> : null}
      </div>
    </Card>
  );
}

function RequestSummary({ request, now }: { request: Request; now: Date }) {
  const pending = request.status === "pending" ? request.pendingGroups : [];
  return (
    <div className="rounded-lg border border-line px-3 py-2.5">
      <p className="text-[13px] text-ink-muted">
        {request.status === "pending" ? "Requested" : "Last requested"} by <span className="font-medium text-ink">{request.requestedBy.name}</span> ·{" "}
        <time dateTime={request.createdAt}>{relativeTime(request.createdAt, now)}</time>
      </p>
      {request.justification ? <p className="mt-1 text-[13px] break-words text-ink">“{request.justification}”</p> : null}
      {request.decisions.length || pending.length ? (
        <ul className="mt-2 space-y-1 border-t border-line pt-2" aria-label="Decisions">
          {request.decisions.map((d) => (
            <li key={d.group} className="text-[13px] text-ink-muted">
              <span className="font-medium text-ink">{GROUP_LABELS[d.group]}</span> {DECISION_VERBS[d.decision]} ({d.decider.name}
              {d.carriedFromRequestId ? ", carried over from the previous request" : ""})
              {d.comment ? <span className="break-words text-ink"> — “{d.comment}”</span> : null}
            </li>
          ))}
          {pending.map((g) => (
            <li key={g} className="text-[13px] text-ink-muted">
              <span className="font-medium text-ink">{GROUP_LABELS[g]}</span> has not decided yet
            </li>
          ))}
        </ul>
      ) : null}
      <Link
        href={`/deal-desk/${request.id}`}
        className="mt-2 inline-flex items-center gap-1 rounded text-[13px] font-medium text-accent hover:text-accent-hover hover:underline"
      >
        Open the request on the deal desk
        <ExternalIcon className="size-3.5" />
      </Link>
    </div>
  );
}
