"use client";

// The two lists of "My reminders": due touches, then upcoming ones. A play's controls sit on its
// first open touch only (recording a touch records the earliest one not done); its later touches
// say so.
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { PLAY_NAMES } from "@/src/domain/closing/plays";
import type { ReminderResponse, RemindersResponse } from "@/src/schemas/plays";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { CalendarIcon, CheckCircleIcon } from "@/src/ui/icons";
import { PlayControls } from "../opportunities/_kit/play-controls";
import type { ReopenStage } from "../opportunities/_kit/reopen-form";
import { touchInWords } from "../opportunities/_kit/play-words";

type Props = { reminders: RemindersResponse; today: string; stages: ReopenStage[] };

export function RemindersList({ reminders, today, stages }: Props) {
  const [message, setMessage] = useState("");
  const firstOpen = new Map<string, string>();
  for (const r of [...reminders.due, ...reminders.upcoming]) {
    const seen = firstOpen.get(r.play.id);
    if (!seen) firstOpen.set(r.play.id, r.touch.id);
  }
  const item = (r: ReminderResponse) => (
    <Reminder key={r.touch.id} reminder={r} today={today} stages={stages} controls={firstOpen.get(r.play.id) === r.touch.id} announce={setMessage} />
  );

  return (
    <div className="space-y-6">
      {reminders.due.length === 0 && reminders.upcoming.length === 0 ? (
        <Card>
          <EmptyState
            headingLevel={2}
            icon={<CalendarIcon className="size-5" />}
            title="No reminders"
            description="Start Raise the Dead or Missed Connections from the Re-engagement card of a lost deal you own; its reminders show here and come by e-mail on their day."
          />
        </Card>
      ) : (
        <>
          <ReminderSection
            id="due-heading"
            title={`Due (${reminders.due.length})`}
            description="Their day has come: act on them, snooze, or close the play."
            empty={
              <EmptyState
                icon={<CheckCircleIcon className="size-5" />}
                title="Nothing due"
                description="You are up to date. The next reminders are below."
              />
            }
          >
            {reminders.due.map(item)}
          </ReminderSection>
          <ReminderSection
            id="upcoming-heading"
            title={`Upcoming (${reminders.upcoming.length})`}
            description="Soonest first."
            empty={<EmptyState icon={<CalendarIcon className="size-5" />} title="Nothing upcoming" description="No play has a touch still ahead." />}
          >
            {reminders.upcoming.map(item)}
          </ReminderSection>
        </>
      )}
      <div aria-live="polite" role="status" className="sr-only">
        {message}
      </div>
    </div>
  );
}

/** One of the two lists, named by its heading, or its empty state when it has no reminder. */
function ReminderSection({
  id,
  title,
  description,
  empty,
  children,
}: {
  id: string;
  title: string;
  description: string;
  empty: ReactNode;
  children: ReactNode[];
}) {
  return (
    <Card title={<span id={id}>{title}</span>} description={description} flush aria-labelledby={id}>
      {children.length === 0 ? empty : <ul className="divide-y divide-line">{children}</ul>}
    </Card>
  );
}

function Reminder({
  reminder: r,
  today,
  stages,
  controls,
  announce,
}: {
  reminder: ReminderResponse;
  today: string;
  stages: ReopenStage[];
  controls: boolean;
  announce: (m: string) => void;
}) {
  const raise = r.play.kind === "raise_the_dead";
  return (
    <li className="space-y-2 px-5 py-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link
          href={`/opportunities/${r.deal.id}`}
          className="rounded text-sm font-semibold text-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          {r.deal.name}
        </Link>
        <span className="text-[13px] text-ink-muted">{r.deal.accountName}</span>
        <Badge tone={r.touch.due ? "warning" : "neutral"}>{touchInWords(r.touch, today)}</Badge>
      </div>
      <p className="text-[13px] text-ink-muted">
        {PLAY_NAMES[r.play.kind]}
        {raise ? ": revisit the deal" : `: touch ${r.touch.position} of ${r.of}`}
        {r.play.note ? ` · Note: ${r.play.note}` : ""}
      </p>
      {r.touch.message ? (
        <p className="rounded-lg border border-line bg-canvas px-3 py-2 text-[13px] whitespace-pre-line text-ink">
          Suggested message: “{r.touch.message}”
        </p>
      ) : null}
      {controls ? (
        <PlayControls
          dealId={r.deal.id}
          dealName={r.deal.name}
          play={r.play}
          next={{ position: r.touch.position, dueOn: r.touch.dueOn }}
          of={r.of}
          today={today}
          stages={stages}
          announce={announce}
        />
      ) : (
        <p className="text-[13px] text-ink-muted">Comes after touch {r.touch.position - 1} is recorded.</p>
      )}
    </li>
  );
}
