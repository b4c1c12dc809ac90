"use client";

// The checklist's dialogs (docs/rules/closing.md, "What may be done to an item"): the #wins post and
// the welcome e-mail previewed before they are sent (sending again once done asks to confirm), the
// hand-off invitation's form, and "Mark done" with its required note. Each traps focus, closes on
// Escape and hands focus back (src/ui/dialog.tsx); a refusal shows in the dialog, tied to its field.
import { useId, useState, type ReactNode } from "react";
import type { ChecklistItemResponse } from "@/src/schemas/closing";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { generalMessage, problemFor } from "../../../_lib/problems";
import { SlackPreview } from "./slack-preview";

export type CsmOption = { id: string; name: string; email: string };

/** The refusal no field claims, announced and named by the dialog's main button. */
function DialogError({ id, error, claimed = [] }: { id: string; error: ActionError | null; claimed?: string[] }) {
  const message = generalMessage(error, claimed);
  return message ? (
    <p id={id} role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}

type Common = {
  item: ChecklistItemResponse;
  pending: boolean;
  error: ActionError | null;
  onClose: () => void;
};

/** Whether sending now is a second message: the item is done (delivered, or by hand). */
const isResend = (item: ChecklistItemResponse) => item.state === "done";

/** The channel's missing configuration, in the words of the environment. */
export const missingVariables = (item: ChecklistItemResponse) => (item.channel === "slack" ? "SLACK_WEBHOOK_URL" : "SMTP_URL and MAIL_FROM");

function SendFooter({
  item,
  pending,
  errorId,
  hasError,
  onClose,
  onSend,
  label,
}: {
  item: ChecklistItemResponse;
  pending: boolean;
  errorId: string;
  hasError: boolean;
  onClose: () => void;
  onSend: (confirm: boolean) => void;
  label: string;
}) {
  const again = isResend(item);
  return (
    <>
      <Button variant="secondary" onClick={onClose}>
        Cancel
      </Button>
      <Button onClick={() => onSend(again)} disabled={pending || !item.configured} aria-describedby={hasError ? errorId : undefined}>
        {pending ? "Sending…" : again ? "Yes, send again" : label}
      </Button>
    </>
  );
}

function ResendWarning({ item }: { item: ChecklistItemResponse }) {
  if (!isResend(item)) return null;
  return (
    <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {item.deliveredAt
        ? "This message was already delivered. Sending it again posts a second copy: send again only if the first one was lost."
        : "This item was marked done by hand. Sending its message now sends it a first time from Stageline."}
    </p>
  );
}

function NotConfiguredNote({ item }: { item: ChecklistItemResponse }) {
  if (item.configured) return null;
  return (
    <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      This message cannot leave: {missingVariables(item)} {item.channel === "slack" ? "is" : "are"} not set on the server. Ask an administrator to set{" "}
      {item.channel === "slack" ? "it" : "them"}, or mark the item done by hand once it is done another way.
    </p>
  );
}

export function SlackDialog({ item, pending, error, onClose, onSend }: Common & { onSend: (confirm: boolean) => void }) {
  const errorId = useId();
  const preview = item.preview?.channel === "slack" ? item.preview : null;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={isResend(item) ? "Send the #wins post again?" : "Preview the #wins post"}
      description="The post as it will read in #wins."
      size="lg"
      footer={
        <SendFooter item={item} pending={pending} errorId={errorId} hasError={!!error} onClose={onClose} onSend={onSend} label="Send to #wins" />
      }
    >
      <ResendWarning item={item} />
      <NotConfiguredNote item={item} />
      {preview ? <SlackPreview text={preview.text} blocks={preview.blocks} /> : <p className="text-sm text-ink-muted">No preview available.</p>}
      <DialogError id={errorId} error={error} />
    </Dialog>
  );
}

export function EmailDialog({ item, pending, error, onClose, onSend }: Common & { onSend: (confirm: boolean) => void }) {
  const errorId = useId();
  const preview = item.preview?.channel === "email" ? item.preview : null;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={isResend(item) ? "Send the welcome e-mail again?" : "Preview the welcome e-mail"}
      description="The e-mail as the customer will receive it."
      size="lg"
      footer={<SendFooter item={item} pending={pending} errorId={errorId} hasError={!!error} onClose={onClose} onSend={onSend} label="Send e-mail" />}
    >
      <ResendWarning item={item} />
      <NotConfiguredNote item={item} />
      {preview ? (
        <div className="space-y-3">
          <dl className="grid grid-cols-[4.5rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-ink-muted">To</dt>
            <dd className="break-all text-ink">{preview.to.join(", ")}</dd>
            <dt className="text-ink-muted">Subject</dt>
            <dd className="font-medium text-ink">{preview.subject}</dd>
          </dl>
          {/* No scripts, no same origin, no forms: the HTML is only drawn. */}
          <iframe
            title="The welcome e-mail, formatted"
            sandbox=""
            srcDoc={preview.html}
            className="h-72 w-full rounded-lg border border-line bg-white"
          />
          <details className="rounded-lg border border-line">
            <summary className="cursor-pointer rounded-lg px-3 py-2 text-[13px] font-medium text-ink focus-visible:outline-2 focus-visible:outline-accent">
              Plain-text version
            </summary>
            <pre className="max-h-60 overflow-auto border-t border-line bg-canvas p-3 font-sans text-sm whitespace-pre-wrap text-ink">
              {preview.text}
            </pre>
          </details>
        </div>
      ) : (
        <p className="text-sm text-ink-muted">{item.blocker ?? "No preview available."}</p>
      )}
      <DialogError id={errorId} error={error} />
    </Dialog>
  );
}

/** A day and time for the input: the next working day at 10:00, local time. */
function defaultStart(now = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type HandoffSend = {
  csm: { userId: string } | { name: string; email: string };
  startsAt: string;
  durationMinutes: number;
  agenda: string;
};

type HandoffProps = Common & {
  csmOptions: CsmOption[];
  durations: number[];
  defaultAgenda: string;
  onSend: (handoff: HandoffSend, confirm: boolean) => void;
};

const CLAIMED = ["csm", "csm.userId", "csm.name", "csm.email", "startsAt", "durationMinutes", "agenda"].flatMap((f) => [
  `handoff.${f}`,
  `action.handoff.${f}`,
  "handoff",
]);

export function HandoffDialog({ item, pending, error, onClose, onSend, csmOptions, durations, defaultAgenda }: HandoffProps) {
  const id = useId();
  const previous = item.details as { csm?: { userId: string | null; name: string; email: string }; durationMinutes?: number };
  const [who, setWho] = useState<"user" | "other">(previous.csm && !previous.csm.userId ? "other" : "user");
  const [userId, setUserId] = useState(previous.csm?.userId ?? "");
  const [name, setName] = useState(previous.csm && !previous.csm.userId ? previous.csm.name : "");
  const [email, setEmail] = useState(previous.csm && !previous.csm.userId ? previous.csm.email : "");
  const [start, setStart] = useState(defaultStart);
  const [duration, setDuration] = useState(previous.durationMinutes ?? 30);
  const [agenda, setAgenda] = useState(defaultAgenda);
  const [local, setLocal] = useState<ActionError | null>(null);
  const shown = local ?? error;
  const problem = (...f: string[]) => problemFor(shown, ...f.flatMap((x) => [`handoff.${x}`, `action.handoff.${x}`]));
  const errorId = `${id}-error`;
  const again = isResend(item);

  function submit() {
    const startsAt = start ? new Date(start) : null;
    const fields: { field: string; message: string }[] = [];
    if (who === "user" && !userId) fields.push({ field: "handoff.csm.userId", message: "Choose who takes the hand-off" });
    if (who === "other" && !name.trim()) fields.push({ field: "handoff.csm.name", message: "Required" });
    if (who === "other" && !email.trim()) fields.push({ field: "handoff.csm.email", message: "Required" });
    if (!startsAt || Number.isNaN(startsAt.getTime())) fields.push({ field: "handoff.startsAt", message: "Pick a date and time" });
    setLocal(fields.length ? { code: "VALIDATION_FAILED", message: "Some fields are not valid.", details: { fields } } : null);
    if (fields.length || !startsAt) return;
    onSend(
      {
        csm: who === "user" ? { userId } : { name: name.trim(), email: email.trim() },
        startsAt: startsAt.toISOString(),
        durationMinutes: duration,
        agenda: agenda.trim(),
      },
      again,
    );
  }

  const control = (field: string, extra: { describedBy?: string } = {}) => {
    const p = problem(field);
    return {
      invalid: !!p,
      "aria-describedby": p || extra.describedBy ? `${id}-${field.replace(/\./g, "-")}-help` : undefined,
    };
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={again ? "Send a new hand-off invitation?" : "Invite customer success to the hand-off"}
      description="A calendar invitation goes to the customer success manager and the deal's owner."
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form={id}
            disabled={pending || !item.configured}
            aria-describedby={generalMessage(shown, CLAIMED) ? errorId : undefined}
          >
            {pending ? "Sending…" : again ? "Yes, send the new invitation" : "Send invitation"}
          </Button>
        </>
      }
    >
      {again ? (
        <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          An invitation was already sent. A new one updates the meeting in the attendees' calendars.
        </p>
      ) : null}
      <NotConfiguredNote item={item} />
      <form
        id={id}
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-ink">Customer success manager</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
            {(
              [
                ["user", "Someone in Stageline"],
                ["other", "Someone else"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-who`}
                  value={value}
                  checked={who === value}
                  onChange={() => setWho(value)}
                  className="size-4 accent-[var(--color-accent)]"
                />
                {label}
              </label>
            ))}
          </div>
          {who === "user" ? (
            <Field id={`${id}-csm-userId`} label="Person" error={problem("csm.userId", "csm")}>
              <Select id={`${id}-csm-userId`} value={userId} onChange={(e) => setUserId(e.target.value)} {...control("csm.userId")}>
                <option value="">Choose a person…</option>
                {csmOptions.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.email})
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={`${id}-csm-name`} label="Name" error={problem("csm.name")}>
                <Input id={`${id}-csm-name`} value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} {...control("csm.name")} />
              </Field>
              <Field id={`${id}-csm-email`} label="E-mail" error={problem("csm.email")}>
                <Input
                  id={`${id}-csm-email`}
                  type="email"
                  value={email}
                  autoComplete="off"
                  onChange={(e) => setEmail(e.target.value)}
                  {...control("csm.email")}
                />
              </Field>
            </div>
          )}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
          <Field id={`${id}-startsAt`} label="Date and time" hint="In your time zone." error={problem("startsAt")}>
            <Input
              id={`${id}-startsAt`}
              type="datetime-local"
              value={start}
              onChange={(e) => setStart(e.target.value)}
              {...control("startsAt", { describedBy: "hint" })}
            />
          </Field>
          <Field id={`${id}-durationMinutes`} label="Duration" error={problem("durationMinutes")}>
            <Select
              id={`${id}-durationMinutes`}
              value={duration}
              onChange={(e) => setDuration(Number(e.target.value))}
              {...control("durationMinutes")}
            >
              {durations.map((d) => (
                <option key={d} value={d}>
                  {d} minutes
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field id={`${id}-agenda`} label="Agenda" error={problem("agenda")}>
          <Textarea id={`${id}-agenda`} rows={4} maxLength={2000} value={agenda} onChange={(e) => setAgenda(e.target.value)} {...control("agenda")} />
        </Field>
      </form>
      <DialogError id={errorId} error={shown} claimed={CLAIMED} />
    </Dialog>
  );
}

export function MarkDoneDialog({ item, pending, error, onClose, onDone }: Common & { onDone: (note: string) => void }) {
  const id = useId();
  const [note, setNote] = useState("");
  const [blank, setBlank] = useState(false);
  const serverProblem = problemFor(error, "note", "action.note");
  const problem = blank ? "Write what was done, and where" : serverProblem;
  const hint: ReactNode =
    item.state === "not_configured"
      ? `${missingVariables(item)} ${item.channel === "slack" ? "is" : "are"} not set: say how it was done instead.`
      : "Required: say how and where it was done, for the history.";
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Mark done: ${item.label}`}
      description="For an item done outside Stageline. Nothing is sent."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={id} disabled={pending}>
            {pending ? "Saving…" : "Mark done"}
          </Button>
        </>
      }
    >
      <form
        id={id}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const trimmed = note.trim();
          setBlank(!trimmed);
          if (trimmed) onDone(trimmed);
        }}
      >
        <Field id={`${id}-note`} label="Note" hint={hint} error={problem}>
          <Textarea
            id={`${id}-note`}
            rows={3}
            maxLength={1000}
            required
            aria-required="true"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            invalid={!!problem}
            aria-describedby={`${id}-note-help`}
            placeholder="e.g. Posted in #wins from my phone"
          />
        </Field>
      </form>
      <DialogError id={`${id}-error`} error={error} claimed={["note", "action.note"]} />
    </Dialog>
  );
}
