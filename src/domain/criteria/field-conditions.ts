// Which conditions the engine can decide on each field a `field` criterion may look at
// (src/domain/criteria/is-satisfied.ts). A condition outside this table would never hold: the
// draft validation refuses it (docs/rules/sales-process.md#validation), and the editor offers only these.
import type { CriterionField, FieldCondition } from "../process/types";

export type ConditionOp = FieldCondition["op"];

/** What a field holds, which decides its conditions and the type of an `equals` or `gt` value. */
export const FIELD_VALUE_KINDS = {
  amount: "number",
  years: "number",
  users: "number",
  closeDate: "date",
  nextStepDue: "date",
  nextStep: "text",
  buyingProcess: "text",
  decisionCriteria: "text",
  whyWon: "text",
  contacts: "contacts",
} as const satisfies Record<CriterionField, "number" | "date" | "text" | "contacts">;

const CONDITIONS = {
  number: ["is_set", "gt", "equals"],
  date: ["is_set", "equals"],
  text: ["is_set", "equals"],
  contacts: ["is_set", "has_contact_role"],
} as const satisfies Record<string, readonly ConditionOp[]>;

/** The conditions the engine supports on `field`. */
export function conditionsFor(field: CriterionField): readonly ConditionOp[] {
  return CONDITIONS[FIELD_VALUE_KINDS[field]];
}
