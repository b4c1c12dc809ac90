"use client";

import type { ExitCriterion, FileKind } from "@/src/domain/process/types";
import { cx } from "@/src/ui/cx";
import { CheckCircleIcon, CircleIcon } from "@/src/ui/icons";
import { CheckFixer } from "./check-fixer";
import { DocumentFixer } from "./document-fixer";
import { FieldFixer } from "./field-fixer";
import type { FixerProps } from "./fixer-types";
import { DealPageLink } from "./link-fixer";
import { PlanFixer } from "./plan-fixer";

// The engine's own Closed Won check ("signed_contract") has no definition in the process.
const documentKind = (c: ExitCriterion | null, key: string): FileKind =>
  c?.type === "document" ? c.documentKind : key === "signed_contract" ? "signed_contract" : "other";

function Fixer(props: FixerProps & { criterion: ExitCriterion | null }) {
  const { card, unmet, criterion } = props;
  switch (criterion?.type ?? unmet.type) {
    case "check":
      return <CheckFixer {...props} />;
    case "field":
      return criterion?.type === "field" ? (
        <FieldFixer {...props} criterion={criterion} />
      ) : (
        <DealPageLink card={card} label={unmet.label} text="Set it on the deal page" />
      );
    case "document":
      return <DocumentFixer {...props} kind={documentKind(criterion, unmet.key)} />;
    case "plan":
      return criterion?.type === "plan" ? (
        <PlanFixer {...props} minSteps={criterion.minSteps} />
      ) : (
        <DealPageLink card={card} label={unmet.label} hash="close-plan" text="Build the close plan on the deal page" />
      );
    case "approval":
      return (
        <DealPageLink
          card={card}
          label={unmet.label}
          hash="approval"
          detail={card.approval === "pending" ? "The request is with the deal desk." : "The deal's terms need the deal desk's approval."}
          text={card.approval === "pending" ? "Follow the request on the deal page" : "Request approval on the deal page"}
        />
      );
    default:
      return <DealPageLink card={card} label={unmet.label} text="Open the deal" />;
  }
}

/** One unmet criterion of the refused-move panel: whether it is met now, and how to meet it here. */
export function CriterionFixer(props: FixerProps & { criterion: ExitCriterion | null }) {
  const isCheck = (props.criterion?.type ?? props.unmet.type) === "check";
  return (
    <div className="flex items-start gap-3">
      {isCheck ? null : (
        <span className={cx("mt-0.5 shrink-0", props.done ? "text-emerald-600" : "text-zinc-400")}>
          {props.done ? <CheckCircleIcon className="size-4" /> : <CircleIcon className="size-4" />}
          <span className="sr-only">{props.done ? "Met: " : "Not met: "}</span>
        </span>
      )}
      <div className="min-w-0 flex-1">
        <Fixer {...props} />
      </div>
    </div>
  );
}
