"use client";

// Submitting a deal's terms to the deal desk with a justification: one form for the deal page's
// approval card and the approval criterion's fixer (the board's refused move, the deal page's move
// dialogs), through the deal's writer, so that the card and the page follow the new version.
import { useId, useRef } from "react";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import { Button } from "@/src/ui/button";
import { Textarea } from "@/src/ui/textarea";
import { submitDealForApproval } from "../_actions/deal-actions";
import { problemFor } from "../_lib/problems";
import { FormError } from "./form-error";
import { useFix } from "./use-fix";

type Props = {
  /** What the rep is asked for, above the field. */
  detail?: string;
  /** The button's words: "Submit for approval", or "Submit again" for a resubmission. */
  submitLabel?: string;
  onSubmitted?: (request: ApprovalRequestResponse) => void;
};

/** The field's problem in words that say what to write; the API's own words otherwise. */
function justificationProblem(problem: string | undefined): string | undefined {
  if (!problem) return undefined;
  return problem === "Required"
    ? "Write a justification: the deal desk reads why these terms are worth it before deciding."
    : problem.replace(/^At most/, "The justification can have at most");
}

export function ApprovalSubmitForm({ detail, submitLabel = "Submit for approval", onSubmitted }: Props) {
  const fix = useFix();
  const id = useId();
  // Uncontrolled, read on submit: what the rep typed before the page hydrated stays. Read from the
  // field itself and not the form: a field without a name is never sent by the browser's own submit
  // (a click before hydration), so the text cannot end up in a URL.
  const field = useRef<HTMLTextAreaElement>(null);
  const problem = justificationProblem(problemFor(fix.error, "justification"));
  const general = fix.error && !problem ? fix.error : null;
  const help = `${id}-help`;
  const errorId = `${id}-error`;

  return (
    <form
      noValidate
      aria-label="Submit for approval"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const justification = field.current?.value ?? "";
        fix.run(submitDealForApproval, { justification }, (data) => {
          if (field.current) field.current.value = "";
          onSubmitted?.(data.request);
        });
      }}
    >
      {detail ? <p className="text-[13px] text-ink-muted">{detail}</p> : null}
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        Justification
      </label>
      <Textarea id={id} ref={field} rows={3} required disabled={fix.pending} invalid={!!problem} aria-describedby={help} />
      <p id={help} className={problem ? "text-[13px] text-red-700" : "text-[13px] text-ink-muted"}>
        {problem ?? "Required. Why these terms: what the customer commits to in return, and what is at stake. Up to 2,000 characters."}
      </p>
      <div id={errorId}>
        <FormError error={general} claimed={["justification"]} />
      </div>
      <Button type="submit" size="sm" disabled={fix.pending} aria-describedby={general ? errorId : undefined}>
        {fix.pending ? "Submitting…" : submitLabel}
      </Button>
    </form>
  );
}
