"use client";

// The new opportunity: what it is, when it should close, what kind of deal, what happens next and
// on what terms. Validation is the API's own (CreateOpportunityRequest); its messages appear next
// to each field and in a summary that takes focus.
import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { answerField, MAX_TEXT_ANSWER, type AnswerQuestion, type QuestionGroup } from "@/src/domain/process/qualification-answers";
import type { ActionError } from "@/src/http/action-result";
import type { Person } from "@/src/server/opportunity-page/people";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { AlertIcon } from "@/src/ui/icons";
import { CURRENCIES } from "../_lib/labels";
import { humanize, numberOrNull, problemsOf } from "../_lib/problems";
import { createDealAction } from "./actions";
import { DealTypeField, FormField, FormSection, YesNoField } from "./form-parts";

type Props = {
  owners: Person[];
  selfId: string;
  canChooseOwner: boolean;
  /** The questions the form offers, by deal type: each type may start in a process of its own. */
  questionsByType: Record<Draft["type"], QuestionGroup | null>;
  className?: string;
};

const INITIAL = {
  name: "",
  accountName: "",
  amount: "",
  currency: "USD",
  closeDate: "",
  type: "new" as "new" | "expansion",
  years: "",
  users: "",
  nextStep: "",
  nextStepDue: "",
  discountPercent: "0",
  paymentTermsDays: "30",
  termMonths: "12",
  nonStandardTerms: "",
  ownerId: "",
};
export type Draft = typeof INITIAL;

const LABELS: Record<string, string> = {
  name: "Opportunity name",
  accountName: "Account",
  amount: "Amount",
  currency: "Currency",
  closeDate: "Close date",
  years: "Contract years",
  users: "Users",
  nextStep: "Next step",
  nextStepDue: "Next step due",
  discountPercent: "Discount",
  paymentTermsDays: "Payment terms",
  termMonths: "Contract term",
  nonStandardTerms: "Non-standard terms",
  ownerId: "Owner",
  type: "Type",
};

/** What the rep typed for each question, by key: only the answered ones are sent. */
type Answers = Record<string, string>;

function answerOf(q: AnswerQuestion, raw: string) {
  if (q.answer === "yes_no") return raw === "true";
  if (q.answer === "number") return numberOrNull(raw);
  return raw;
}

function answersPayload(questions: QuestionGroup | null, answers: Answers) {
  const given = (questions?.questions ?? []).filter((q) => (answers[q.key] ?? "").trim() !== "");
  return given.length ? { qualificationAnswers: Object.fromEntries(given.map((q) => [q.key, answerOf(q, answers[q.key]!)])) } : {};
}

function payload(d: Draft, selfId: string) {
  const orDefault = (raw: string, fallback: number) => numberOrNull(raw) ?? fallback;
  return {
    name: d.name,
    accountName: d.accountName,
    amount: numberOrNull(d.amount) ?? "",
    currency: d.currency,
    closeDate: d.closeDate,
    type: d.type,
    years: d.type === "new" ? numberOrNull(d.years) : null,
    users: d.type === "expansion" ? numberOrNull(d.users) : null,
    nextStep: d.nextStep,
    ...(d.nextStepDue ? { nextStepDue: d.nextStepDue } : {}),
    discountPercent: orDefault(d.discountPercent, 0),
    paymentTermsDays: orDefault(d.paymentTermsDays, 30),
    termMonths: orDefault(d.termMonths, 12),
    nonStandardTerms: d.nonStandardTerms,
    ...(d.ownerId && d.ownerId !== selfId ? { ownerId: d.ownerId } : {}),
  };
}

export function NewDealForm({ owners, selfId, canChooseOwner, questionsByType, className }: Props) {
  const [draft, setDraft] = useState<Draft>({ ...INITIAL, ownerId: selfId });
  const questions = questionsByType[draft.type];
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const summary = useRef<HTMLDivElement>(null);
  const problems = problemsOf(error);
  const labels: Record<string, string> = { ...LABELS, ...Object.fromEntries((questions?.questions ?? []).map((q) => [answerField(q.key), q.label])) };
  const problem = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? humanize(p.message) : undefined;
  };
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const bind = (field: keyof Draft) => ({ field, value: draft[field], onChange: set(field), error: problem(field) });

  // The summary takes focus once it shows, so a screen reader hears what to fix.
  useEffect(() => {
    if (error) summary.current?.focus();
  }, [error]);

  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await createDealAction({ ...payload(draft, selfId), ...answersPayload(questions, answers) });
      // Success navigates away; only a refusal comes back.
      if (result && !result.ok) setError(result.error);
    });
  }

  return (
    <form onSubmit={submit} noValidate className={cx("rounded-card border border-line bg-surface shadow-card", className)}>
      {error ? (
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          className="m-6 mb-0 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 focus:outline-none"
        >
          <p className="flex items-center gap-2 font-semibold">
            <AlertIcon className="size-4" />
            {problems.length ? `Check ${problems.length === 1 ? "this field" : `these ${problems.length} fields`}` : error.message}
          </p>
          {problems.length ? (
            <ul className="mt-1.5 list-disc space-y-0.5 pl-9">
              {problems.map((p) => (
                <li key={p.field}>
                  <a href={`#new-${p.field}`} className="underline underline-offset-2">
                    {labels[p.field] ?? p.field}: {humanize(p.message).toLowerCase()}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <FormSection title="The deal" description="What you are selling, to whom, and when the buyer should decide.">
        <FormField
          label="Opportunity name"
          className="sm:col-span-2"
          placeholder="e.g. Blue Harbor Logistics - Fleet analytics"
          maxLength={200}
          required
          {...bind("name")}
        />
        <FormField label="Account" className="sm:col-span-2" placeholder="The buying company" maxLength={200} required {...bind("accountName")} />
        <FormField label="Amount" inputMode="decimal" placeholder="0" required {...bind("amount")} hint="In major units, e.g. 48000 or 48000.50." />
        <FormField label="Currency" as="select" options={CURRENCIES.map((c) => ({ value: c, label: c }))} {...bind("currency")} />
        <FormField label="Close date" type="date" required {...bind("closeDate")} hint="The date the buyer intends to decide." />
      </FormSection>
      <FormSection title="Type" description="The signed contract is later named with the years of a new customer, or the users of an expansion.">
        <DealTypeField draft={draft} set={set} yearsError={problem("years")} usersError={problem("users")} />
      </FormSection>
      <FormSection title="Next step" description="Every open deal carries a dated next step; an overdue one stalls the deal.">
        <FormField
          label="Next step"
          className="sm:col-span-2"
          placeholder="e.g. Discovery call with the VP Operations"
          maxLength={500}
          {...bind("nextStep")}
        />
        <FormField label="Next step due" type="date" {...bind("nextStepDue")} />
      </FormSection>
      <FormSection title="Terms" description="Standard terms are no discount above 15%, net 30 and a 12 to 36 month contract.">
        <FormField label="Discount" inputMode="decimal" suffix="% off list" {...bind("discountPercent")} />
        <FormField label="Payment terms" inputMode="numeric" suffix="days" {...bind("paymentTermsDays")} />
        <FormField label="Contract term" inputMode="numeric" suffix="months" {...bind("termMonths")} />
        <FormField
          label="Non-standard terms"
          as="textarea"
          className="sm:col-span-2"
          placeholder="MSA or SLA redlines the buyer asked for; leave empty for our standard paper"
          {...bind("nonStandardTerms")}
        />
      </FormSection>
      {questions ? (
        <FormSection
          title="Qualification"
          description={`Optional: the questions of ${questions.stageName}. Answer what you know now; the rest waits on the deal's page.`}
        >
          {questions.questions.map((q) => {
            const field = answerField(q.key);
            const bound = {
              field,
              label: q.label,
              value: answers[q.key] ?? "",
              onChange: (v: string) => setAnswers((a) => ({ ...a, [q.key]: v })),
              error: problem(field),
            };
            if (q.answer === "yes_no") return <YesNoField key={q.key} {...bound} />;
            if (q.answer === "text") return <FormField key={q.key} as="textarea" className="sm:col-span-2" maxLength={MAX_TEXT_ANSWER} {...bound} />;
            if (q.answer === "date") return <FormField key={q.key} type="date" {...bound} />;
            return <FormField key={q.key} inputMode="decimal" {...bound} />;
          })}
        </FormSection>
      ) : null}
      {canChooseOwner ? (
        <FormSection title="Owner" description="You, or a rep of your team.">
          <FormField
            label="Owner"
            as="select"
            options={owners.map((o) => ({ value: o.id, label: o.id === selfId ? `${o.name} (you)` : o.name }))}
            {...bind("ownerId")}
          />
        </FormSection>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-card border-t border-line bg-canvas px-6 py-4">
        <Link href="/" className="rounded-md px-2 py-1 text-sm font-medium text-ink-muted hover:text-ink">
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create opportunity"}
        </Button>
      </div>
    </form>
  );
}
