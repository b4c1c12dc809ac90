"use client";

// The Re-engagement card of a lost deal (docs/rules/closing.md, "The re-engagement plays"): start
// Raise the Dead (a date to revisit and a note) or Missed Connections (touches on the workspace's
// cadence, each with a suggested message); each active play with its touches, the due ones said in
// words, and what can be done to it; earlier plays and how they ended.
import { useState, useTransition } from "react";
import { PLAY_NAMES, type PlayKind } from "@/src/domain/closing/plays";
import type { ActionError } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import type { PlayResponse, PlaysResponse } from "@/src/schemas/plays";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { Card, CardEmptyRow } from "@/src/ui/card";
import { Field, Input } from "@/src/ui/field";
import { RotateIcon } from "@/src/ui/icons";
import { startPlayFromPage } from "../../_actions/play-actions";
import { FormError } from "../../_kit/form-error";
import { PlayControls, tomorrowOf } from "../../_kit/play-controls";
import type { ReopenStage } from "../../_kit/reopen-form";
import { ENDED_IN_WORDS, touchInWords } from "../../_kit/play-words";
import { formatDate } from "../../_lib/format";
import { problemFor } from "../../_lib/problems";
import { Area, FormDialog } from "./form-dialog";

type Props = { plays: PlaysResponse; dealName: string; stages: ReopenStage[]; today: string };

export function PlaysCard({ plays, dealName, stages, today }: Props) {
  const [message, setMessage] = useState("");
  const [starting, setStarting] = useState<PlayKind | null>(null);
  const active = plays.plays.filter((p) => p.status === "active");
  const ended = plays.plays.filter((p) => p.status === "ended");
  const startable = plays.mayChange ? (["raise_the_dead", "missed_connections"] as const).filter((k) => !active.some((p) => p.kind === k)) : [];

  return (
    <Card
      id="re-engagement"
      aria-labelledby="re-engagement-heading"
      title={<span id="re-engagement-heading">Re-engagement</span>}
      description="Come back to this lost deal: revisit it on a date, or reach a buyer who stopped answering."
      flush
    >
      {active.length === 0 ? (
        <CardEmptyRow icon={<RotateIcon />}>{plays.mayChange ? "No active play. Start one below." : "No active play on this deal."}</CardEmptyRow>
      ) : (
        <ul className="divide-y divide-line">
          {active.map((play) => (
            <li key={play.id} className="space-y-3 px-5 py-4">
              <ActivePlay play={play} today={today} />
              {plays.mayChange ? (
                <PlayControls
                  dealId={plays.opportunityId}
                  dealName={dealName}
                  play={play}
                  next={play.nextTouch}
                  of={play.touches.length}
                  today={today}
                  stages={stages}
                  announce={setMessage}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {startable.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-line px-5 py-4">
          <span className="text-[13px] text-ink-muted">Start a play:</span>
          {startable.map((kind) => (
            <Button key={kind} size="sm" variant="secondary" onClick={() => setStarting(kind)}>
              {PLAY_NAMES[kind]}
            </Button>
          ))}
        </div>
      ) : null}
      {ended.length > 0 ? (
        <details className="border-t border-line px-5 py-3 text-sm">
          <summary className="cursor-pointer text-[13px] font-medium text-ink-muted">Earlier plays ({ended.length})</summary>
          <ul className="mt-2 space-y-1.5">
            {ended.map((p) => (
              <li key={p.id} className="text-[13px] text-ink-muted">
                <span className="font-medium text-ink">{PLAY_NAMES[p.kind]}</span>, started {formatDate(p.createdAt.slice(0, 10))} by{" "}
                {p.createdBy.name}: {p.endedAs ? ENDED_IN_WORDS[p.endedAs] : "Ended"}
                {p.endedAt ? ` on ${formatDate(p.endedAt.slice(0, 10))}` : ""}.
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {starting ? (
        <StartDialog dealId={plays.opportunityId} kind={starting} today={today} onClose={() => setStarting(null)} announce={setMessage} />
      ) : null}
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </Card>
  );
}

function ActivePlay({ play, today }: { play: PlayResponse; today: string }) {
  const raise = play.kind === "raise_the_dead";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-ink">{PLAY_NAMES[play.kind]}</h3>
        {play.due > 0 ? <Badge tone="warning">{raise ? "Due" : `${play.due} due`}</Badge> : <Badge tone="accent">Active</Badge>}
        <span className="text-[13px] text-ink-muted">
          started {formatDate(play.createdAt.slice(0, 10))} by {play.createdBy.name}
        </span>
      </div>
      {play.note ? <p className="text-[13px] text-ink-muted">Note: {play.note}</p> : null}
      {raise ? (
        <p className="text-sm text-ink">
          Revisit on {formatDate(play.touches[0]!.dueOn)}.{" "}
          <span className={play.due ? "font-medium text-amber-800" : "text-ink-muted"}>{touchInWords(play.touches[0]!, today)}.</span>
        </p>
      ) : (
        <ol className="space-y-2" aria-label="Touches">
          {play.touches.map((t) => (
            <li key={t.id} className="rounded-lg border border-line px-3 py-2">
              <p className="text-[13px]">
                <span className="font-medium text-ink">
                  Touch {t.position} of {play.touches.length}
                </span>{" "}
                <span className={t.due ? "font-medium text-amber-800" : "text-ink-muted"}>· {touchInWords(t, today)}</span>
              </p>
              {t.doneAt ? null : <p className="mt-1 text-[13px] whitespace-pre-line text-ink-muted">Suggested message: “{t.message}”</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function StartDialog({
  dealId,
  kind,
  today,
  onClose,
  announce,
}: {
  dealId: string;
  kind: PlayKind;
  today: string;
  onClose: () => void;
  announce: (m: string) => void;
}) {
  const [remindOn, setRemindOn] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const raise = kind === "raise_the_dead";
  const dateProblem = problemFor(error, "remindOn", "play.remindOn");

  function submit() {
    setError(null);
    startTransition(async () => {
      const play = raise ? { kind, remindOn, note } : { kind, note };
      const result = await reachAction(startPlayFromPage({ id: dealId, play }));
      if (result.ok) {
        announce(`${PLAY_NAMES[kind]} started.`);
        onClose();
      } else setError(result.error);
    });
  }

  return (
    <FormDialog
      title={`Start ${PLAY_NAMES[kind]}`}
      description={
        raise
          ? "Pick a date to revisit this deal, after today and within two years. On that date you get a reminder by e-mail and in My reminders."
          : "A short sequence of touches on the workspace's cadence, each with a suggested message to the deal's first contact. You are reminded of each on its day; the play ends when the buyer answers or after the last touch."
      }
      submit={`Start ${PLAY_NAMES[kind]}`}
      pending={pending}
      onClose={onClose}
      onSubmit={submit}
    >
      {raise ? (
        <Field id="play-remind-on" label="Revisit on" error={dateProblem}>
          <Input
            id="play-remind-on"
            type="date"
            min={tomorrowOf(today)}
            value={remindOn}
            onChange={(e) => setRemindOn(e.target.value)}
            invalid={!!dateProblem}
            aria-describedby={dateProblem ? "play-remind-on-help" : undefined}
            required
          />
        </Field>
      ) : null}
      <Area
        id="play-note"
        label="Note (optional)"
        field="play.note"
        error={error}
        value={note}
        onChange={setNote}
        placeholder={raise ? "e.g. Budget returns in Q3; ask for Ana" : "e.g. Ana went quiet after the pricing call"}
      />
      <FormError error={error} claimed={["remindOn", "play.remindOn", "play.note"]} />
    </FormDialog>
  );
}
