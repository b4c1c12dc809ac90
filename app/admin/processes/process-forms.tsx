"use client";

// The processes page's controls: edit (start a draft from the latest version), discard a draft,
// make a process the default, tie it to an opportunity type, and start a draft from a template.
// Each calls one server action; a refusal is shown beside the control, a draft that exists already
// with a link to it.
import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { describeError } from "@/app/opportunities/_lib/problems";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Input } from "@/src/ui/field";
import { PencilIcon, TrashIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { discardDraftAction, startDraftAction, updateProcessAction } from "./actions";
import { OPPORTUNITY_TYPE_LABELS, type OpportunityTypeChoice } from "./view";

const editorHref = (key: string) => `/admin/processes/${key}/draft`;

function useAction<T>() {
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<ActionResult<T>>, onDone?: () => void) =>
    startTransition(async () => {
      // A successful start navigates (the action redirects), so only a refusal comes back.
      const result = await work();
      if (result.ok) {
        setError(null);
        onDone?.();
      } else setError(result.error);
    });
  return { error, pending, run, clear: () => setError(null) };
}

/** The key of the process whose draft a 409 names, when the refusal is "a draft exists already". */
const existingDraftOf = (error: ActionError | null): string | null => {
  if (error?.code !== "CONFLICT") return null;
  const current = (error.details as { current?: { processKey?: unknown } } | undefined)?.current;
  return typeof current?.processKey === "string" ? current.processKey : null;
};

function ActionProblem({ error, id }: { error: ActionError | null; id?: string }) {
  if (!error) return null;
  const draft = existingDraftOf(error);
  return (
    <p id={id} role="alert" className="text-[13px] text-red-700">
      {draft ? (
        <>
          The process {draft} has a draft already: publish it or discard it first.{" "}
          <Link href={editorHref(draft)} className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent">
            Open that draft
          </Link>
        </>
      ) : (
        describeError(error)
      )}
    </p>
  );
}

/** "Edit": starts the next version's draft from the latest one and opens it in the editor. */
export function EditProcessButton({ processKey, name }: { processKey: string; name: string }) {
  const { error, pending, run } = useAction<{ key: string }>();
  return (
    <div className="flex flex-col items-end gap-1.5">
      <Button size="sm" disabled={pending} onClick={() => run(() => startDraftAction({ key: processKey }))} aria-label={`Edit ${name}`}>
        <PencilIcon className="size-3.5" />
        {pending ? "Starting a draft…" : "Edit"}
      </Button>
      <ActionProblem error={error} />
    </div>
  );
}

/** Discards a draft after a confirmation naming it. */
export function DiscardDraftButton({ processKey, name }: { processKey: string; name: string }) {
  const [open, setOpen] = useState(false);
  const { error, pending, run, clear } = useAction<{ key: string }>();
  return (
    <>
      <Button
        size="sm"
        variant="danger"
        onClick={() => {
          clear();
          setOpen(true);
        }}
        aria-label={`Discard the draft of ${name}`}
      >
        <TrashIcon className="size-3.5" />
        Discard
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Discard this draft?"
          description={`The draft of ${name} (${processKey}) and every change saved in it are removed. The published versions stay as they are.`}
          footer={
            <>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Keep it
              </Button>
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  run(
                    () => discardDraftAction({ key: processKey }),
                    () => setOpen(false),
                  )
                }
              >
                {pending ? "Discarding…" : "Discard the draft"}
              </Button>
            </>
          }
        >
          {error ? <ActionProblem error={error} /> : <p className="text-sm text-ink-muted">The discard is recorded in the audit log.</p>}
        </Dialog>
      ) : null}
    </>
  );
}

/** "Make default": the process deals of a type no process is tied to follow from now on. */
export function MakeDefaultButton({ processKey, name }: { processKey: string; name: string }) {
  const { error, pending, run } = useAction<{ key: string }>();
  return (
    <div className="flex flex-col gap-1.5">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => updateProcessAction({ key: processKey, changes: { isDefault: true } }))}
        aria-label={`Make ${name} the default process`}
      >
        {pending ? "Saving…" : "Make default"}
      </Button>
      <ActionProblem error={error} />
    </div>
  );
}

/** The opportunity type whose new deals follow this process, or none. */
export function OpportunityTypeForm({ processKey, current }: { processKey: string; current: OpportunityTypeChoice | null }) {
  const id = useId();
  const [chosen, setChosen] = useState<string>(current ?? "");
  const { error, pending, run } = useAction<{ key: string }>();
  const changed = chosen !== (current ?? "");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => updateProcessAction({ key: processKey, changes: { opportunityType: chosen === "" ? null : chosen } }));
      }}
    >
      <div className="min-w-52">
        <label htmlFor={`${id}-type`} className="mb-1.5 block text-[13px] font-medium text-ink">
          New deals of the type
        </label>
        <Select
          id={`${id}-type`}
          size="sm"
          value={chosen}
          onChange={(e) => setChosen(e.currentTarget.value)}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="">No type (the default decides)</option>
          {(Object.keys(OPPORTUNITY_TYPE_LABELS) as OpportunityTypeChoice[]).map((t) => (
            <option key={t} value={t}>
              {OPPORTUNITY_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" size="sm" variant="secondary" disabled={pending || !changed}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <div className="basis-full">
        <ActionProblem error={error} id={`${id}-error`} />
      </div>
    </form>
  );
}

type TemplateChoice = { key: string; name: string; description: string };
type ProcessChoice = { key: string; name: string; hasDraft: boolean };

const NEW_PROCESS = "";

/** Starts a draft from a shipped template, as a new process (its key typed) or over an existing one's next version. */
export function TemplateForm({ templates, processes }: { templates: TemplateChoice[]; processes: ProcessChoice[] }) {
  const id = useId();
  const [template, setTemplate] = useState(templates[0]?.key ?? "");
  const [target, setTarget] = useState(NEW_PROCESS);
  const [key, setKey] = useState("");
  const { error, pending, run } = useAction<{ key: string }>();
  const keyProblem =
    error?.code === "VALIDATION_FAILED"
      ? (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields?.find((f) => f.field === "key")
      : undefined;
  const chosen = templates.find((t) => t.key === template);
  return (
    <form
      aria-label="Start a draft from a template"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => startDraftAction({ key: target === NEW_PROCESS ? key.trim() : target, template }));
      }}
    >
      <div>
        <label htmlFor={`${id}-template`} className="mb-1.5 block text-[13px] font-medium text-ink">
          Template
        </label>
        <Select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.currentTarget.value)} aria-describedby={`${id}-template-hint`}>
          {templates.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </Select>
        <p id={`${id}-template-hint`} className="mt-1.5 text-[13px] text-ink-muted">
          {chosen?.description}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-target`} className="mb-1.5 block text-[13px] font-medium text-ink">
          For
        </label>
        <Select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value={NEW_PROCESS}>A new process</option>
          {processes.map((p) => (
            <option key={p.key} value={p.key} disabled={p.hasDraft}>
              The next version of {p.name}
              {p.hasDraft ? " (has a draft)" : ""}
            </option>
          ))}
        </Select>
        {target === NEW_PROCESS ? (
          <div className="mt-3">
            <label htmlFor={`${id}-key`} className="mb-1.5 block text-[13px] font-medium text-ink">
              The new process's key
            </label>
            <Input
              id={`${id}-key`}
              value={key}
              required
              maxLength={64}
              pattern="[a-z][a-z0-9_]*"
              placeholder="enterprise_renewals"
              invalid={Boolean(keyProblem)}
              aria-describedby={`${id}-key-hint`}
              onChange={(e) => setKey(e.currentTarget.value)}
            />
            <p id={`${id}-key-hint`} className={keyProblem ? "mt-1.5 text-[13px] text-red-700" : "mt-1.5 text-[13px] text-ink-muted"}>
              {keyProblem
                ? `The key must be ${keyProblem.message.replace(/^a process key: /, "")}.`
                : "Lower case letters, digits and underscores, starting with a letter. It never changes."}
            </p>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending || templates.length === 0}>
          {pending ? "Starting the draft…" : "Start the draft"}
        </Button>
        {keyProblem ? null : <ActionProblem error={error} />}
      </div>
    </form>
  );
}
