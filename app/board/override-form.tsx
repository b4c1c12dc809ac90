"use client";

import { useState } from "react";
import { Button } from "@/src/ui/button";
import { Textarea } from "@/src/ui/textarea";

/** A manager's way past a refusal: the move happens, and the justification is recorded as an override. */
export function OverrideForm({ busy, onOverride }: { busy: boolean; onOverride: (justification: string) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  if (!open)
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} className="text-amber-800 hover:bg-amber-50 hover:text-amber-900">
        Override with justification
      </Button>
    );
  return (
    <form
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50/60 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        onOverride(text.trim());
      }}
    >
      <label htmlFor="override-justification" className="block text-sm font-medium text-amber-950">
        Override with justification
      </label>
      <p id="override-help" className="text-[13px] text-amber-900">
        The move goes through with these criteria unmet. Your justification is recorded on the deal and shows in the
        dashboard&apos;s data-integrity panel.
      </p>
      <Textarea
        id="override-justification"
        required
        rows={3}
        maxLength={2000}
        autoFocus
        aria-describedby="override-help"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder="Why this deal should move now"
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          Cancel override
        </Button>
        <Button type="submit" variant="danger" size="sm" disabled={busy || !text.trim()}>
          {busy ? "Moving…" : "Override and move"}
        </Button>
      </div>
    </form>
  );
}
