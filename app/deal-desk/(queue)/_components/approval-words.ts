// Where an approval request stands, in sentences: the desk's request page, its decide and withdraw
// forms, and the deal page's approval card say the same things the same way.
import type { ChangedTerm } from "@/src/domain/deal-desk/terms";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import { GROUP_LABELS } from "@/src/ui/labels";
import { formatTerm, TERM_LABELS } from "./labels";

type Group = keyof typeof GROUP_LABELS;
type Decision = ApprovalRequestResponse["decisions"][number]["decision"];

/** "Finance", "Finance and Legal", "Sales manager, Finance and Legal". */
export function groupsInWords(groups: readonly Group[]): string {
  const names = groups.map((g) => GROUP_LABELS[g]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const DECISION_VERBS: Record<Decision, string> = {
  approve: "approved",
  reject: "rejected",
  request_changes: "asked for changes",
};

/** "discount changed from 35% to 20%; payment terms changed from Net 60 to Net 45". */
export function changesInWords(changed: readonly ChangedTerm[]): string {
  return changed
    .map((c) => `${TERM_LABELS[c.term].toLowerCase()} changed from ${formatTerm(c.term, c.from)} to ${formatTerm(c.term, c.to)}`)
    .join("; ");
}

const STATUS_WORDS: Record<ApprovalRequestResponse["status"], string> = {
  pending: "pending",
  approved: "approved",
  rejected: "rejected",
  changes_requested: "sent back for changes",
  withdrawn: "withdrawn",
  stale: "stale: the deal's terms changed",
};

/** "Finance approved (Fay Fields); Legal asked for changes (Lee Law)." */
export function decisionsInWords(decisions: ApprovalRequestResponse["decisions"]): string {
  return decisions.map((d) => `${GROUP_LABELS[d.group]} ${DECISION_VERBS[d.decision]} (${d.decider.name})`).join("; ");
}

/** The request as it now is, for a form refused because someone else acted first. */
export function requestNowInWords(request: Pick<ApprovalRequestResponse, "status" | "decisions" | "pendingGroups">): string {
  const parts = [`The request is now ${STATUS_WORDS[request.status]}.`];
  if (request.decisions.length > 0) parts.push(`Decisions: ${decisionsInWords(request.decisions)}.`);
  if (request.status === "pending" && request.pendingGroups.length > 0) parts.push(`Still waiting on ${groupsInWords(request.pendingGroups)}.`);
  return parts.join(" ");
}
