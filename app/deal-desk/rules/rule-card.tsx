"use client";

// One rule: what fires it and who approves, its version and last change, switched off or on in one
// click, and edited in place. A save names the version shown; if someone saved since, the refusal
// says so and the page can be reloaded to show the rule as it now is.
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import { generalMessage } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import type { DealDeskRuleResponse } from "@/src/schemas/deal-desk";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { AlertIcon, PencilIcon } from "@/src/ui/icons";
import { updateRuleAction } from "./actions";
import { conditionOf, draftOf, RULE_FIELDS, RuleFields, type RuleDraft } from "./rule-fields";
import { describeCondition, groupNames } from "./rule-words";

type Props = {
  rule: DealDeskRuleResponse;
  /** "Version 3, changed by Ada Admin on Dec 3, 2026", formatted on the server. */
  changed: string;
  /** The version history, rendered on the server. */
  history: ReactNode;
};

function ErrorNote({ error, claimed, onReload }: { error: ActionError; claimed: string[]; onReload: () => void }) {
  const message = generalMessage(error, claimed);
  if (!message) return null;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <AlertIcon className="size-4 shrink-0" />
      <span>{message}</span>
      {error.code === "VERSION_CONFLICT" ? (
        <Button size="sm" variant="secondary" onClick={onReload}>
          Show the current rule
        </Button>
      ) : null}
    </div>
  );
}

export function RuleCard({ rule, changed, history }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule));
  const [error, setError] = useState<ActionError | null>(null);
  const [switchError, setSwitchError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editButton = useRef<HTMLButtonElement>(null);
  const titleId = `rule-${rule.id}-title`;

  // After a save the editor closes: focus returns to the button that opened it.
  useEffect(() => {
    if (notice) editButton.current?.focus();
  }, [notice]);

  const reload = () => {
    setError(null);
    setSwitchError(null);
    setEditing(false);
    router.refresh();
  };

  function openEditor() {
    setDraft(draftOf(rule));
    setError(null);
    setNotice(null);
    setEditing(true);
  }

  function save(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await updateRuleAction({
        id: rule.id,
        version: rule.version,
        label: draft.label,
        condition: conditionOf(draft),
        groups: draft.groups,
      });
      if (!result.ok) return setError(result.error);
      setError(null);
      setEditing(false);
      setNotice(result.data.version === rule.version ? "Nothing changed." : `Saved as version ${result.data.version}.`);
    });
  }

  function toggle() {
    startTransition(async () => {
      const result = await updateRuleAction({ id: rule.id, version: rule.version, active: !rule.active });
      if (!result.ok) return setSwitchError(result.error);
      setSwitchError(null);
      setNotice(rule.active ? `Switched off, as version ${result.data.version}.` : `Switched on, as version ${result.data.version}.`);
    });
  }

  return (
    <li aria-labelledby={titleId} className={cx("px-5 py-4", !rule.active && "bg-canvas")}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={titleId} className={cx("text-[15px] font-semibold", rule.active ? "text-ink" : "text-ink-muted")}>
              {rule.label}
            </h3>
            {rule.active ? <Badge tone="success">On</Badge> : <Badge>Switched off</Badge>}
          </div>
          <p className="text-sm text-ink">
            <span className="text-ink-muted">Fires when: </span>
            {describeCondition(rule.condition)}
          </p>
          <p className="text-sm text-ink">
            <span className="text-ink-muted">Approvers: </span>
            {groupNames(rule.groups)}
          </p>
          <p className="text-[13px] text-ink-muted">
            <code className="font-mono text-xs">{rule.key}</code> · {changed}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={toggle}
            disabled={pending}
            aria-label={`${rule.active ? "Switch off" : "Switch on"}: ${rule.label}`}
          >
            {rule.active ? "Switch off" : "Switch on"}
          </Button>
          {editing ? null : (
            <Button ref={editButton} size="sm" variant="secondary" onClick={openEditor} aria-label={`Edit: ${rule.label}`}>
              <PencilIcon className="size-3.5" />
              Edit
            </Button>
          )}
        </div>
      </div>
      <div aria-live="polite" className="empty:hidden mt-2 text-[13px] text-emerald-800">
        {notice}
      </div>
      {switchError ? (
        <div className="mt-2">
          <ErrorNote error={switchError} claimed={[]} onReload={reload} />
        </div>
      ) : null}
      {editing ? (
        <form onSubmit={save} noValidate aria-label={`Edit ${rule.label}`} className="mt-4 space-y-4 rounded-lg border border-line bg-surface p-4">
          <RuleFields idPrefix={`rule-${rule.id}`} draft={draft} onChange={setDraft} error={error} />
          {error ? <ErrorNote error={error} claimed={RULE_FIELDS} onReload={reload} /> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save rule"}
            </Button>
          </div>
        </form>
      ) : null}
      <div className="mt-3">{history}</div>
    </li>
  );
}
