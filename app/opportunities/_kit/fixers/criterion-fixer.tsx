"use client";

// One unmet exit criterion and how to meet it right here: tick it, fill in the field, add the
// contact, upload the file, add close plan steps, submit the terms for approval. The board's refused-move panel, the deal page's
// checklist and its move dialogs all show criteria through this one component.
import type { ExitCriterion, FileKind } from "@/src/domain/process/types";
import { CriterionStatus } from "../criterion-status";
import { ApprovalFixer } from "./approval-fixer";
import { CheckFixer } from "./check-fixer";
import { ContactForm } from "./contact-form";
import { DealPageLink } from "./deal-page-link";
import { FieldFixer, isEditableField } from "./field-fixer";
import type { FixerProps } from "./fixer-types";
import { PlanFixer } from "./plan-fixer";
import { UploadForm } from "./upload-form";

type Props = FixerProps & {
  /** The criterion's definition in the process; null for the engine's own Closed Won check. */
  criterion: ExitCriterion | null;
  /** A link to elsewhere on the deal page was followed (a dialog closes). */
  onLeave?: () => void;
};

// The engine's own Closed Won check ("signed_contract") has no definition in the process.
const documentKind = (c: ExitCriterion | null, key: string): FileKind =>
  c?.type === "document" ? c.documentKind : key === "signed_contract" ? "signed_contract" : "other";

function Fixer(props: Props) {
  const { deal, unmet, done, onFixed, criterion, onLeave } = props;
  const link = (hash: string, text: string, detail?: string) => (
    <DealPageLink label={unmet.label} hash={hash} text={text} detail={detail} onLeave={onLeave} />
  );
  switch (criterion?.type ?? unmet.type) {
    case "field":
      if (criterion?.type !== "field") return link("deal-details", "Open the deal's details");
      if (criterion.field === "contacts") {
        const role = criterion.condition.op === "has_contact_role" ? criterion.condition.role : undefined;
        return <ContactForm role={role} legend={unmet.label} done={done} onAdded={(said) => onFixed(true, said)} />;
      }
      return isEditableField(criterion.field) ? (
        <FieldFixer {...props} criterion={criterion} field={criterion.field} />
      ) : (
        link("deal-details", "Open the deal's details")
      );
    case "document":
      return (
        <UploadForm
          kind={documentKind(criterion, unmet.key)}
          label={unmet.label}
          contractName={deal.contractName}
          done={done}
          onUploaded={(said) => onFixed(true, said)}
        />
      );
    case "plan":
      return criterion?.type === "plan" ? (
        <PlanFixer unmet={unmet} done={done} onFixed={onFixed} minSteps={criterion.minSteps} />
      ) : (
        link("close-plan", "Open the close plan")
      );
    case "approval":
      return <ApprovalFixer {...props} />;
    default:
      return link("exit-criteria", "Open the deal");
  }
}

export function CriterionFixer(props: Props) {
  if ((props.criterion?.type ?? props.unmet.type) === "check") return <CheckFixer unmet={props.unmet} done={props.done} onFixed={props.onFixed} />;
  return (
    <div className="flex items-start gap-3">
      <CriterionStatus met={props.done} />
      <div className="min-w-0 flex-1">
        <Fixer {...props} />
      </div>
    </div>
  );
}
