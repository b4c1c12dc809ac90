"use client";

// A group's decision on a request: approve, reject or request changes, with a comment (required to
// reject or to request changes), and which group when the viewer decides for several still pending.
// The page renders it for everyone who may see the request, with the groups the server says the
// viewer may decide for now: with none it shows nothing, unless it has something to say about the
// viewer's last try (their decision saved, or refused because someone decided first). It keeps that
// message when the page re-renders after the answer.
import { useId, useState, useTransition } from "react";
import { decideApproval } from "@/app/opportunities/_actions/approval-actions";
import { FormError } from "@/app/opportunities/_kit/form-error";
import { problemFor } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { cx } from "@/src/ui/cx";
import { AlertIcon, CheckIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { DECISION_VERBS, groupsInWords, requestNowInWords } from "./approval-words";

type Group = keyof typeof GROUP_LABELS;
type Decision = "approve" | "reject" | "request_changes";

const CHOICES: { value: Decision; label: string; hint: string }[] = [
  { value: "approve", label: "Approve", hint: "These terms are fine for your group." },
  { value: "request_changes", label: "Request changes", hint: "Sends it back to the rep, who changes the deal and submits again." },
  { value: "reject", label: "Reject", hint: "Refuses these terms: the deal cannot leave Negotiate on them." },
];

type Said = { tone: "success"; text: string } | { tone: "conflict"; text: string };

const conflictWords = (error: ActionError) => {
  const request = (error.details as { request?: ApprovalRequestResponse } | undefined)?.request;
  return `${error.message} ${request ? requestNowInWords(request) : ""} The page now shows the request as it is.`.replace(/\s+/g, " ").trim();
};

export function DecideForm({ requestId, groups }: { requestId: string; groups: Group[] }) {
  const id = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [chosenGroup, setGroup] = useState<Group | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<ActionError | null>(null);
  const [said, setSaid] = useState<Said | null>(null);
  const [pending, startTransition] = useTransition();

  // The groups change when the page re-renders after a decision: a choice no longer offered falls back.
  const group = chosenGroup && groups.includes(chosenGroup) ? chosenGroup : (groups[0] ?? null);
  const several = groups.length > 1;
  const commentRequired = decision === "reject" || decision === "request_changes";
  const problems = {
    decision: problemFor(error, "decision"),
    comment: problemFor(error, "comment"),
    group: problemFor(error, "group"),
  };
  const general = error && error.code !== "CONFLICT" ? error : null;

  if (groups.length === 0 && !said) return null;

  function submit() {
    setError(null);
    setSaid(null);
    startTransition(async () => {
      const result = await reachAction(
        decideApproval({ id: requestId, ...(decision ? { decision } : {}), comment, ...(several && group ? { group } : {}) }),
      );
      if (result.ok) {
        const r = result.data.request;
        const mine = decision ? DECISION_VERBS[decision] : "decided";
        setSaid({ tone: "success", text: `Saved: you ${mine} for ${group ? GROUP_LABELS[group] : "your group"}. ${requestNowInWords(r)}` });
        setDecision(null);
        setComment("");
      } else if (result.error.code === "CONFLICT") {
        setSaid({ tone: "conflict", text: conflictWords(result.error) });
      } else {
        setError(result.error);
      }
    });
  }

  return (
    <Card
      title="Your decision"
      description={
        groups.length === 0
          ? undefined
          : several
            ? `You decide for ${groupsInWords(groups)}: one group at a time.`
            : `You decide for ${GROUP_LABELS[groups[0]!]}.`
      }
    >
      {said ? (
        <p
          role={said.tone === "conflict" ? "alert" : "status"}
          className={cx(
            "mb-4 flex gap-2 rounded-lg border px-3 py-2.5 text-sm",
            said.tone === "conflict" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-emerald-200 bg-emerald-50 text-emerald-900",
          )}
        >
          {said.tone === "conflict" ? <AlertIcon className="mt-0.5 size-4 shrink-0" /> : <CheckIcon className="mt-0.5 size-4 shrink-0" />}
          {said.text}
        </p>
      ) : null}
      {groups.length > 0 ? (
        <form
          noValidate
          className="space-y-4"
          aria-label="Decide this request"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {several ? (
            <div className="space-y-1.5">
              <label htmlFor={`${id}-group`} className="block text-sm font-medium text-ink">
                Decide for
              </label>
              <Select
                id={`${id}-group`}
                value={group ?? ""}
                invalid={!!problems.group}
                aria-describedby={problems.group ? `${id}-group-error` : undefined}
                onChange={(e) => setGroup(e.currentTarget.value as Group)}
                disabled={pending}
              >
                {groups.map((g) => (
                  <option key={g} value={g}>
                    {GROUP_LABELS[g]}
                  </option>
                ))}
              </Select>
              {problems.group ? (
                <p id={`${id}-group-error`} className="text-[13px] text-red-700">
                  {problems.group}
                </p>
              ) : null}
            </div>
          ) : null}
          <fieldset aria-describedby={problems.decision ? `${id}-decision-error` : undefined} aria-invalid={problems.decision ? true : undefined}>
            <legend className="text-sm font-medium text-ink">Decision{group && !several ? ` for ${GROUP_LABELS[group]}` : ""}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {CHOICES.map((c) => (
                <label
                  key={c.value}
                  className={cx(
                    "flex cursor-pointer items-start gap-2.5 rounded-lg border px-3 py-2.5",
                    "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent",
                    decision === c.value ? "border-accent bg-accent/5" : "border-line hover:border-line-strong",
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-decision`}
                    value={c.value}
                    checked={decision === c.value}
                    onChange={() => setDecision(c.value)}
                    disabled={pending}
                    className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
                  />
                  <span>
                    <span className="block text-sm font-medium text-ink">{c.label}</span>
                    <span className="block text-[13px] text-ink-muted">{c.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {problems.decision ? (
              <p id={`${id}-decision-error`} className="mt-1.5 text-[13px] text-red-700">
                Choose approve, request changes or reject.
              </p>
            ) : null}
          </fieldset>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-comment`} className="block text-sm font-medium text-ink">
              Comment{commentRequired ? " (required)" : " (optional)"}
            </label>
            <Textarea
              id={`${id}-comment`}
              rows={3}
              value={comment}
              required={commentRequired}
              invalid={!!problems.comment}
              aria-describedby={`${id}-comment-help`}
              disabled={pending}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <p id={`${id}-comment-help`} className={cx("text-[13px]", problems.comment ? "text-red-700" : "text-ink-muted")}>
              {problems.comment
                ? problems.comment === "Required to reject or request changes"
                  ? "Write what must change, or why not: a comment is required to reject or request changes."
                  : problems.comment
                : "Required to reject or request changes: the rep reads it. Anyone who sees the request sees it."}
            </p>
          </div>
          <div id={`${id}-error`}>
            <FormError error={general} claimed={["decision", "comment", "group"]} />
          </div>
          <Button
            type="submit"
            disabled={pending}
            variant={decision === "reject" ? "danger" : "primary"}
            aria-describedby={general ? `${id}-error` : undefined}
          >
            {pending ? "Saving…" : decision ? (CHOICES.find((c) => c.value === decision)?.label ?? "Decide") : "Decide"}
          </Button>
        </form>
      ) : null}
    </Card>
  );
}
