"use client";

// Why we won, shown and edited in place: the move required it, and every edit goes to the history.
import { useId, useRef, useState } from "react";
import { Button } from "@/src/ui/button";
import { PencilIcon } from "@/src/ui/icons";
import { Textarea } from "@/src/ui/textarea";
import { generalMessage, problemFor } from "../../../_lib/problems";
import { useChecklistAction } from "./use-checklist-action";

type Props = { dealId: string; whyWon: string; canEdit: boolean; onSaid: (said: string) => void };

export function WhyWonEditor({ dealId, whyWon, canEdit, onSaid }: Props) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(whyWon);
  const [blank, setBlank] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const write = useChecklistAction(dealId);
  const problem = blank ? "Required: say why the customer chose us" : problemFor(write.error, "whyWon", "action.whyWon");
  const other = generalMessage(write.error, ["whyWon", "action.whyWon"]);

  function stop() {
    setEditing(false);
    setBlank(false);
    write.clearError();
    requestAnimationFrame(() => editButton.current?.focus());
  }

  if (!editing)
    return (
      <div className="flex items-start gap-2">
        <blockquote className="min-w-0 flex-1 border-l-2 border-emerald-300 pl-3 text-sm whitespace-pre-line text-ink" data-testid="why-won">
          {whyWon}
        </blockquote>
        {canEdit ? (
          <Button
            ref={editButton}
            size="sm"
            variant="ghost"
            aria-label="Edit why we won"
            onClick={() => {
              setDraft(whyWon);
              setEditing(true);
            }}
          >
            <PencilIcon className="size-4" />
            Edit
          </Button>
        ) : null}
      </div>
    );

  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const text = draft.trim();
        setBlank(!text);
        if (!text) return;
        if (text === whyWon) return stop();
        write.act("why_won", { action: "edit_why_won", whyWon: text }, () => {
          onSaid("Why we won saved.");
          stop();
        });
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          stop();
        }
      }}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        Why we won
      </label>
      <Textarea
        id={`${id}-text`}
        autoFocus
        rows={3}
        maxLength={4000}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        invalid={!!problem}
        aria-describedby={problem ? `${id}-help` : other ? `${id}-other` : undefined}
      />
      {problem ? (
        <p id={`${id}-help`} className="text-[13px] text-red-700">
          {problem}
        </p>
      ) : null}
      {other ? (
        <p id={`${id}-other`} role="alert" className="text-[13px] text-red-700">
          {other}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={write.pending}>
          {write.pending ? "Saving…" : "Save"}
        </Button>
        <Button size="sm" variant="ghost" onClick={stop}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
