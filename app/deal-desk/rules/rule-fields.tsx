"use client";

// The fields of a rule, shared by the editor of each rule and the form that adds one: its label,
// the term it watches with the operator and threshold(s), and the groups that approve. The rules
// of what may be saved are the API's (src/schemas/deal-desk.ts); its messages show by each field.
import { numberOrNull, problemFor } from "@/app/opportunities/_lib/problems";
import { APPROVER_GROUPS, type ApproverGroup, type RuleCondition } from "@/src/domain/deal-desk/rules";
import type { ActionError } from "@/src/http/action-result";
import { Field, Input } from "@/src/ui/field";
import { GROUP_LABELS } from "@/src/ui/labels";
import { Select } from "@/src/ui/select";
import { NUMERIC_OPS, type Op, TERMS, type Term } from "./rule-words";

export type RuleDraft = { label: string; term: Term; op: Op; value: string; min: string; max: string; groups: ApproverGroup[] };

export const EMPTY_DRAFT: RuleDraft = { label: "", term: "discount_percent", op: "gt", value: "", min: "", max: "", groups: [] };

export function draftOf(rule: { label: string; condition: RuleCondition; groups: ApproverGroup[] }): RuleDraft {
  const c = rule.condition;
  return {
    label: rule.label,
    term: c.term,
    op: c.op,
    value: c.op === "gt" || c.op === "gte" ? String(c.value) : "",
    min: c.op === "outside" ? String(c.min) : "",
    max: c.op === "outside" ? String(c.max) : "",
    groups: [...rule.groups],
  };
}

/** The condition as the API reads it; what is not a number is sent as typed, for the API to refuse by name. */
export function conditionOf(d: RuleDraft) {
  if (d.term === "non_standard_terms") return { term: d.term, op: "is_set" };
  if (d.op === "outside") return { term: d.term, op: d.op, min: numberOrNull(d.min), max: numberOrNull(d.max) };
  return { term: d.term, op: d.op, value: numberOrNull(d.value) };
}

/** The fields this form shows; a problem with any other is shown above the buttons. */
export const RULE_FIELDS = ["label", "condition.term", "condition.op", "condition.value", "condition.min", "condition.max", "groups"];

type Props = { idPrefix: string; draft: RuleDraft; onChange: (draft: RuleDraft) => void; error: ActionError | null };

export function RuleFields({ idPrefix, draft, onChange, error }: Props) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const set = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const problem = (...fields: string[]) => problemFor(error, ...fields);
  const described = (field: string, message: string | undefined, hint?: string) => (message || hint ? `${id(field)}-help` : undefined);
  const unit = TERMS.find((t) => t.value === draft.term)?.unit ?? "";

  const numberField = (field: "value" | "min" | "max", label: string) => {
    const message = problem(`condition.${field}`);
    return (
      <Field id={id(field)} label={label} error={message} hint={unit || undefined}>
        <Input
          id={id(field)}
          inputMode="decimal"
          value={draft[field]}
          onChange={(e) => set({ [field]: e.target.value })}
          invalid={!!message}
          aria-describedby={described(field, message, unit)}
        />
      </Field>
    );
  };

  const groupsProblem = problem("groups", ...APPROVER_GROUPS.map((_, i) => `groups.${i}`));
  const termProblem = problem("condition.term");
  const opProblem = problem("condition.op");
  const labelProblem = problem("label");

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id={id("label")} label="Label" error={labelProblem} className="sm:col-span-2">
        <Input
          id={id("label")}
          value={draft.label}
          maxLength={120}
          onChange={(e) => set({ label: e.target.value })}
          invalid={!!labelProblem}
          aria-describedby={described("label", labelProblem)}
        />
      </Field>
      <Field id={id("term")} label="When the deal's" error={termProblem}>
        <Select
          id={id("term")}
          value={draft.term}
          invalid={!!termProblem}
          aria-describedby={described("term", termProblem)}
          onChange={(e) => {
            const term = e.target.value as Term;
            set({ term, op: term === "non_standard_terms" ? "is_set" : draft.op === "is_set" ? "gt" : draft.op });
          }}
        >
          {TERMS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      {draft.term === "non_standard_terms" ? (
        <p className="self-end pb-2.5 text-sm text-ink-muted">are written (any text that is not blank)</p>
      ) : (
        <Field id={id("op")} label="Condition" error={opProblem}>
          <Select
            id={id("op")}
            value={draft.op}
            invalid={!!opProblem}
            aria-describedby={described("op", opProblem)}
            onChange={(e) => set({ op: e.target.value as Op })}
          >
            {NUMERIC_OPS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {draft.term === "non_standard_terms" ? null : draft.op === "outside" ? (
        <>
          {numberField("min", "Standard from")}
          {numberField("max", "Standard up to")}
        </>
      ) : (
        numberField("value", "Threshold")
      )}
      <fieldset className="sm:col-span-2" aria-describedby={groupsProblem ? `${id("groups")}-help` : undefined}>
        <legend className="text-sm font-medium text-ink">Who approves</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {APPROVER_GROUPS.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm text-ink">
              <input
                type="checkbox"
                className="size-4 rounded border-line-strong accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
                checked={draft.groups.includes(g)}
                aria-invalid={groupsProblem ? true : undefined}
                onChange={(e) => set({ groups: e.target.checked ? [...draft.groups, g] : draft.groups.filter((x) => x !== g) })}
              />
              {GROUP_LABELS[g]}
            </label>
          ))}
        </div>
        {groupsProblem ? (
          <p id={`${id("groups")}-help`} className="mt-1.5 text-[13px] text-red-700">
            {groupsProblem}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
