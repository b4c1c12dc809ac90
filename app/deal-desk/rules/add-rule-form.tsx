"use client";

// Adds a rule: its key (fixed once saved: requests name the rules that fired by it) and the same
// fields a rule is edited with. A new rule is switched on and listed last.
import { type FormEvent, useState, useTransition } from "react";
import { generalMessage, problemFor } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { AlertIcon, PlusIcon } from "@/src/ui/icons";
import { createRuleAction } from "./actions";
import { conditionOf, EMPTY_DRAFT, RULE_FIELDS, RuleFields, type RuleDraft } from "./rule-fields";

export function AddRuleForm() {
  const [key, setKey] = useState("");
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const general = generalMessage(error, ["key", ...RULE_FIELDS]);
  // A duplicate key is a conflict, not a validation problem, but it belongs next to the key all the same.
  const keyProblem = problemFor(error, "key") ?? (error?.code === "CONFLICT" ? error.message : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await createRuleAction({ key: key.trim(), label: draft.label, condition: conditionOf(draft), groups: draft.groups });
      if (!result.ok) {
        setNotice(null);
        return setError(result.error);
      }
      setError(null);
      setNotice(`Added "${draft.label.trim()}". It applies to every deal from now on.`);
      setKey("");
      setDraft(EMPTY_DRAFT);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a rule" className="space-y-4">
      <TextField
        id="new-rule-key"
        label="Key"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        error={keyProblem}
        hint="Lower-case letters and digits joined by _ or -, e.g. discount_over_40. It cannot change later."
        maxLength={60}
        autoComplete="off"
        className="sm:max-w-sm"
      />
      <RuleFields idPrefix="new-rule" draft={draft} onChange={setDraft} error={error} />
      {general && error?.code !== "CONFLICT" ? (
        <p role="alert" className="flex items-center gap-2 text-sm text-red-700">
          <AlertIcon className="size-4 shrink-0" />
          {general}
        </p>
      ) : null}
      <div aria-live="polite" className="text-[13px] text-emerald-800 empty:hidden">
        {notice}
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          <PlusIcon className="size-4" />
          {pending ? "Adding…" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
