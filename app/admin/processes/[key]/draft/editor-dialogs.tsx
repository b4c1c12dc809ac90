"use client";

// The draft editor's dialogs: removing a stage, discarding the draft, publishing it. Each is rendered
// only while it is open, and loaded then (next/dynamic in draft-editor.tsx), so that the dialog
// library is not part of the editor's first load (docs/performance.md, "Page weight").
import { useState } from "react";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Textarea } from "@/src/ui/textarea";
import type { EditorStage } from "./editor-model";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function RemoveStageDialog({ stage, onKeep, onRemove }: { stage: EditorStage; onKeep: () => void; onRemove: () => void }) {
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onKeep()}
      title={`Remove ${stage.name.trim() || "this stage"}?`}
      description="Its guidance, exit criteria and questions go with it. Published versions and their deals are not changed; nothing is saved until you save the draft."
      footer={
        <>
          <Button variant="secondary" onClick={onKeep}>
            Keep it
          </Button>
          <Button variant="danger" onClick={onRemove}>
            Remove stage
          </Button>
        </>
      }
    >
      <p className="text-sm text-ink-muted">
        {`It has ${stage.exitCriteria.length === 1 ? "1 exit criterion" : `${stage.exitCriteria.length} exit criteria`} and ${plural(stage.questions.length, "question")}.`}
      </p>
    </Dialog>
  );
}

export function DiscardDraftDialog({ pending, onKeep, onDiscard }: { pending: boolean; onKeep: () => void; onDiscard: () => void }) {
  return (
    <Dialog
      open
      onOpenChange={(open) => !pending && !open && onKeep()}
      title="Discard this draft?"
      description="The draft and every change in it are removed. The published versions stay as they are."
      footer={
        <>
          <Button variant="secondary" onClick={onKeep} disabled={pending}>
            Keep the draft
          </Button>
          <Button variant="danger" onClick={onDiscard} disabled={pending}>
            {pending ? "Discarding…" : "Discard draft"}
          </Button>
        </>
      }
    >
      <p className="text-sm text-ink-muted">Nobody can undo this.</p>
    </Dialog>
  );
}

export function PublishDialog({
  pending,
  dirty,
  onClose,
  onPublish,
}: {
  pending: boolean;
  dirty: boolean;
  onClose: () => void;
  onPublish: (note: string, makeDefault: boolean) => void;
}) {
  const [note, setNote] = useState("");
  const [makeDefault, setMakeDefault] = useState(false);
  return (
    <Dialog
      open
      onOpenChange={(o) => !pending && !o && onClose()}
      title="Publish this draft"
      description="It becomes the process's next version. New deals of this process follow it; open deals keep their version until you move them."
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={() => onPublish(note, makeDefault)} disabled={pending}>
            {pending ? "Publishing…" : dirty ? "Save and publish" : "Publish"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="space-y-1.5">
          <label htmlFor="publish-note" className="block text-sm font-medium text-ink">
            Note
          </label>
          <Textarea
            id="publish-note"
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby="publish-note-help"
          />
          <p id="publish-note-help" className="text-[13px] text-ink-muted">
            Optional: what changed, for the list of versions and the audit log.
          </p>
        </div>
        <label className="flex items-start gap-2 text-sm text-ink">
          <input
            type="checkbox"
            checked={makeDefault}
            onChange={(e) => setMakeDefault(e.target.checked)}
            className="mt-0.5 size-4 rounded border-line-strong accent-[var(--color-accent)] focus-visible:outline-2 focus-visible:outline-accent"
          />
          <span>
            Make this the default process
            <span className="block text-[13px] text-ink-muted">New deals start in the latest version of the default process.</span>
          </span>
        </label>
      </div>
    </Dialog>
  );
}
