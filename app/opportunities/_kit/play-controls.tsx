"use client";

// What can be done to an active play, on the deal page's Re-engagement card and on "My reminders":
// Raise the Dead snoozes, re-opens the deal (a stage and a reason) or closes; Missed Connections
// records the next touch, the buyer's answer, or closes. What ends a play asks first, in a dialog
// that says so. Each calls the plays' server actions, which re-render the page.
import { useState, useTransition } from "react";
import type { PlayKind } from "@/src/domain/closing/plays";
import type { ActionError } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { Area, FormDialog } from "../[id]/_components/form-dialog";
import { actOnPlayFromPage } from "../_actions/play-actions";
import { formatDate } from "../_lib/format";
import { problemFor } from "../_lib/problems";
import { FormError } from "./form-error";
import { type ReopenStage, ReopenForm } from "./reopen-form";

type Props = {
  dealId: string;
  dealName: string;
  play: { id: string; kind: PlayKind };
  /** The touch to record next (Missed Connections), and how many the play has; the date set (Raise the Dead). */
  next: { position: number; dueOn: string } | null;
  of: number;
  today: string;
  /** Where the deal may re-open (Qualify or a later open stage). */
  stages: ReopenStage[];
  /** Tells the page what was done, in its polite live region. */
  announce: (message: string) => void;
};

type Step = "snooze" | "reopen" | "close" | "answered" | "touch" | null;

export const tomorrowOf = (today: string) => new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function PlayControls({ dealId, dealName, play, next, of, today, stages, announce }: Props) {
  const [step, setStep] = useState<Step>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const [remindOn, setRemindOn] = useState("");
  const [note, setNote] = useState("");

  function open(s: Step) {
    setError(null);
    setNote("");
    setRemindOn("");
    setStep(s);
  }

  function send(action: Record<string, unknown>, done: string) {
    setError(null);
    startTransition(async () => {
      const result = await reachAction(actOnPlayFromPage({ id: dealId, playId: play.id, action }));
      if (result.ok) {
        setStep(null);
        announce(done);
      } else setError(result.error);
    });
  }

  const raise = play.kind === "raise_the_dead";
  const last = !raise && next !== null && next.position === of;
  const label = (what: string) => `${what}: ${dealName}`;

  return (
    <div className="flex flex-wrap gap-2">
      {raise ? (
        <>
          <Button size="sm" onClick={() => open("reopen")} aria-label={label("Re-open the deal")}>
            Re-open the deal
          </Button>
          <Button size="sm" variant="secondary" onClick={() => open("snooze")} aria-label={label("Snooze")}>
            Snooze
          </Button>
        </>
      ) : (
        <>
          <Button
            size="sm"
            onClick={() => (last ? open("touch") : send({ action: "touch_done" }, `Touch ${next?.position} recorded.`))}
            disabled={pending || !next}
            aria-label={label(`Record touch ${next?.position ?? ""} as done`)}
          >
            {next ? `Touch ${next.position} done` : "Touches done"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => open("answered")} aria-label={label("The buyer answered")}>
            Buyer answered
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" onClick={() => open("close")} aria-label={label("Close the play")}>
        Close play
      </Button>
      {step === null && error ? (
        <p role="alert" className="w-full text-[13px] text-red-700">
          {error.message}
        </p>
      ) : null}

      {step === "snooze" ? (
        <FormDialog
          title="Snooze Raise the Dead"
          description={`Pick a later date to revisit ${dealName}${next ? ` (now ${formatDate(next.dueOn)})` : ""}. You are reminded again on that date.`}
          submit="Snooze"
          pending={pending}
          onClose={() => setStep(null)}
          onSubmit={() => send({ action: "snooze", remindOn }, `Snoozed to ${remindOn ? formatDate(remindOn) : "the new date"}.`)}
        >
          <Field id="play-snooze-date" label="Revisit on" error={problemFor(error, "remindOn", "action.remindOn")}>
            <Input
              id="play-snooze-date"
              type="date"
              min={next ? tomorrowOf(next.dueOn > today ? next.dueOn : today) : tomorrowOf(today)}
              value={remindOn}
              onChange={(e) => setRemindOn(e.target.value)}
              invalid={!!problemFor(error, "remindOn", "action.remindOn")}
              aria-describedby={problemFor(error, "remindOn", "action.remindOn") ? "play-snooze-date-help" : undefined}
              required
            />
          </Field>
          <FormError error={error} claimed={["remindOn", "action.remindOn"]} />
        </FormDialog>
      ) : null}

      {step === "reopen" ? (
        <ReopenForm
          idPrefix="play-reopen"
          description="The deal comes back into Qualify or a later stage, with a reason; its loss stays in the history. Its active plays end."
          stages={stages}
          reasonField="action.reason"
          error={error}
          pending={pending}
          onClose={() => setStep(null)}
          onReopen={(request, name) => send({ action: "reopen", ...request }, `Re-opened in ${name}.`)}
        />
      ) : null}

      {step === "close" || step === "answered" || step === "touch" ? (
        <FormDialog
          title={step === "close" ? "Close this play?" : step === "answered" ? "The buyer answered?" : `Record the last touch?`}
          description={
            step === "touch"
              ? `Touch ${of} is the last of this Missed Connections play: recording it ends the play.`
              : step === "answered"
                ? "Recording the buyer's answer ends this Missed Connections play; no more reminders are sent."
                : "Closing ends the play: no more reminders are sent. The deal stays lost."
          }
          submit={step === "close" ? "Close the play" : step === "answered" ? "Yes, end the play" : "Record and end the play"}
          tone="danger"
          pending={pending}
          onClose={() => setStep(null)}
          onSubmit={() =>
            step === "touch"
              ? send({ action: "touch_done" }, "Last touch recorded; the play has ended.")
              : send(
                  { action: step === "close" ? "close" : "buyer_answered", note },
                  step === "close" ? "Play closed." : "The buyer's answer is recorded; the play has ended.",
                )
          }
        >
          {step === "touch" ? null : (
            <Area
              id="play-end-note"
              label="Note (optional)"
              field="action.note"
              error={error}
              value={note}
              onChange={setNote}
              placeholder={step === "answered" ? "e.g. Ana replied: revisit in the spring" : "e.g. They signed with a competitor for three years"}
            />
          )}
          <FormError error={error} claimed={["action.note"]} />
        </FormDialog>
      ) : null}
    </div>
  );
}
