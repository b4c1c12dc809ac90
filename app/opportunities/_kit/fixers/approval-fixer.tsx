"use client";

// The `approval` criterion: the deal's terms need the deal desk. While nothing is pending the rep
// submits them here with a justification (a first request, or again after a rejection, a request
// for changes or a change of terms); once submitted it says who must approve. A pending request is
// followed on the deal page.
import { useState } from "react";
import { groupsInWords } from "@/app/deal-desk/(queue)/_components/approval-words";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import { ApprovalSubmitForm } from "../approval-submit-form";
import { DealPageLink } from "./deal-page-link";
import { FixerMessage } from "./fixer-message";
import type { FixerProps } from "./fixer-types";

type Props = FixerProps & { onLeave?: () => void };

// Keyed by the deal's approval status.
const ASK: Record<string, string> = {
  needed: "The deal's terms need the deal desk's approval: submit them with a justification.",
  changes_requested: "The deal desk asked for changes: change the deal, then submit it again.",
  rejected: "The deal desk rejected these terms: change them, or submit again with a stronger case.",
  stale: "The terms changed after they were submitted: the approval no longer holds. Submit them again.",
};

/** What a request just made says: pending, and on whom; or approved at once by carried approvals. */
function submittedWords(request: ApprovalRequestResponse): string {
  return request.status === "approved"
    ? "Submitted and approved at once: the approvals given before still cover these terms."
    : `Submitted: pending with the deal desk. ${groupsInWords(request.pendingGroups)} must approve.`;
}

export function ApprovalFixer({ deal, unmet, done, onFixed, onLeave }: Props) {
  const [sent, setSent] = useState<ApprovalRequestResponse | null>(null);
  const link = (text: string, detail?: string) => <DealPageLink label={unmet.label} hash="approval" text={text} detail={detail} onLeave={onLeave} />;

  if (sent)
    return (
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-ink">{unmet.label}</p>
        <FixerMessage id={`approval-${unmet.stage}-${unmet.key}`} error={null} success={submittedWords(sent)} />
      </div>
    );
  const ask = ASK[deal.approval];
  if (done || !ask)
    return deal.approval === "pending" ? link("Follow the request", "The request is with the deal desk.") : link("Open the deal desk approval");
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-ink">{unmet.label}</p>
      <ApprovalSubmitForm
        detail={ask}
        submitLabel={deal.approval === "needed" ? "Submit for approval" : "Submit again"}
        onSubmitted={(request) => {
          setSent(request);
          onFixed(request.status === "approved", `${unmet.label}: ${submittedWords(request)}`);
        }}
      />
    </div>
  );
}
