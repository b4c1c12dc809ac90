import type { ApprovalStatus } from "@/src/domain/criteria/deal-facts";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { cx } from "@/src/ui/cx";
import { CheckIcon, ClockIcon } from "@/src/ui/icons";
import { STALL_REASONS } from "../opportunities/_lib/labels";
import type { ShownCard } from "./board-state";

const APPROVAL: Partial<Record<ApprovalStatus, { label: string; tone: BadgeTone }>> = {
  needed: { label: "Approval needed", tone: "neutral" },
  pending: { label: "Approval pending", tone: "accent" },
  rejected: { label: "Approval rejected", tone: "danger" },
  changes_requested: { label: "Changes requested", tone: "warning" },
  stale: { label: "Approval out of date", tone: "warning" },
};

/** Stalled and approval, only when there is something to say. */
export function StatusBadges({ card, className }: { card: ShownCard; className?: string }) {
  const approval = APPROVAL[card.approval];
  if (!card.stalled && !approval) return null;
  return (
    <div className={cx("flex flex-wrap gap-1", className)}>
      {card.stalled ? (
        <Badge tone="warning">
          <ClockIcon className="size-3" />
          Stalled
          <span className="sr-only">: {card.stallReasons.map((r) => STALL_REASONS[r]).join(" and ")}</span>
        </Badge>
      ) : null}
      {approval ? <Badge tone={approval.tone}>{approval.label}</Badge> : null}
    </div>
  );
}

/** How many exit criteria of the current stage hold: "3/5". */
export function CriteriaBadge({ card }: { card: ShownCard }) {
  if (card.criteriaTotal === 0) return null;
  const isMet = card.criteriaMet === card.criteriaTotal;
  return (
    <Badge tone={isMet ? "success" : "neutral"} className="tabular-nums">
      {isMet ? <CheckIcon className="size-3" /> : null}
      <span aria-hidden="true">
        {card.criteriaMet}/{card.criteriaTotal}
      </span>
      <span className="sr-only">
        {card.criteriaMet} of {card.criteriaTotal} exit criteria met
      </span>
      <span aria-hidden="true" className="font-normal">
        criteria
      </span>
    </Badge>
  );
}
