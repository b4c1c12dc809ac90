// One function decides whether an exit criterion holds for a deal. Criterion types are a closed
// union: a new type fails to compile here until it is handled.
import { followsContractConvention } from "../files/contract-name";
import { isPlanStepReady } from "../opportunities/close-plan";
import type { CriterionField, ExitCriterion, FieldCondition } from "../process/types";
import { attestationKey, type DealFacts } from "./deal-facts";

function fieldValue(deal: DealFacts, field: Exclude<CriterionField, "contacts">): string | number | null {
  switch (field) {
    case "amount":
      return deal.amountCents / 100;
    case "closeDate":
      return deal.closeDate;
    case "nextStepDue":
      return deal.nextStepDue;
    case "years":
      return deal.years;
    case "users":
      return deal.users;
    case "nextStep":
    case "buyingProcess":
    case "decisionCriteria":
    case "whyWon":
      return deal[field];
    default: {
      const never: never = field;
      throw new Error(`Unknown field ${String(never)}`);
    }
  }
}

function meetsCondition(deal: DealFacts, field: CriterionField, condition: FieldCondition): boolean {
  if (condition.op === "has_contact_role") return field === "contacts" && deal.contactRoles.includes(condition.role);
  if (field === "contacts") return condition.op === "is_set" ? deal.contactRoles.length > 0 : false;
  return valueMeets(fieldValue(deal, field), condition);
}

/** Whether one field's value meets a condition on it (a contact role is not a field's value). */
export function valueMeets(value: string | number | null, condition: Exclude<FieldCondition, { op: "has_contact_role" }>): boolean {
  switch (condition.op) {
    case "is_set":
      return value !== null && (typeof value !== "string" || value.trim() !== "");
    case "gt":
      return typeof value === "number" && value > condition.value;
    case "equals":
      return value === condition.value;
    default: {
      const never: never = condition;
      throw new Error(`Unknown condition ${JSON.stringify(never)}`);
    }
  }
}

export function isSatisfied(criterion: ExitCriterion, stageKey: string, deal: DealFacts): boolean {
  switch (criterion.type) {
    case "check":
      return deal.attested.has(attestationKey(stageKey, criterion.key));
    case "field":
      return meetsCondition(deal, criterion.field, criterion.condition);
    case "document":
      return deal.files.some(
        (f) =>
          f.kind === criterion.documentKind &&
          // Only the signed contract has a naming convention (docs/rules/contracts-and-files.md).
          (f.kind !== "signed_contract" || followsContractConvention(f.storedName, deal)),
      );
    case "approval":
      return deal.approvalStatus === "not_required" || deal.approvalStatus === "approved";
    case "plan":
      return deal.planSteps.filter(isPlanStepReady).length >= criterion.minSteps;
    default: {
      const never: never = criterion;
      throw new Error(`Unknown criterion ${JSON.stringify(never)}`);
    }
  }
}
