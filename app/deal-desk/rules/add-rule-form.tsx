"use client";

// Adds a rule: its key (fixed once saved: requests name the rules that fired by it) and the same
// fields a rule is edited with. A new rule is switched on and listed last.
import { useState } from "react";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { createRuleAction } from "./actions";
import { conditionOf, EMPTY_DRAFT, RULE_FIELDS, RuleFields, type RuleDraft } from "./rule-fields";

export function AddRuleForm() {
  const [key, setKey] = useState("");
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_DRAFT);
  const form = useActionForm(["key", ...RULE_FIELDS]);
  const { error } = form;
  // A duplicate key is a conflict, not a validation problem, but it belongs next to the key all the same.
  const keyProblem = form.problem("key") ?? (error?.code === "CONFLICT" ? error.message : undefined);
  const submit = form.onSubmit(
    () => createRuleAction({ key: key.trim(), label: draft.label, condition: conditionOf(draft), groups: draft.groups }),
    () => {
      const label = draft.label.trim();
      setKey("");
      setDraft(EMPTY_DRAFT);
      return `Added "${label}". It applies to every deal from now on.`;
    },
  );

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
      <FormOutcome general={error?.code === "CONFLICT" ? undefined : form.general} notice={form.notice} icon />
      <div className="flex justify-end">
        <Button type="submit" disabled={form.pending}>
          <PlusIcon className="size-4" />
          {form.pending ? "Adding…" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
