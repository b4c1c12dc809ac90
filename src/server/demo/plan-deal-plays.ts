// The re-engagement plays on the demo's lost deals (docs/rules/demo-data.md, "After the close"): a
// Raise the Dead play due yesterday and not yet reminded (the worker reminds its owner when the app
// starts), a Missed Connections play with its first touch recorded and the next ones ahead, one
// Raise the Dead weeks away, and a Missed Connections play the buyer answered.
import { addDays as addCalendarDays, toCalendarDate } from "../../domain/dates";
import { DEFAULT_CADENCE, missedConnectionsTouches } from "../../domain/closing/plays";
import { fromCalendarDate } from "../../domain/dates";
import type { PlannedDeal, PlannedHistory, PlannedPlay } from "./demo-plan";

const DAY = 86_400_000;

export type PlayScenario = "raise_due" | "missed_in_progress" | "raise_upcoming" | "missed_answered";

/** The play of a lost deal in a scenario, and its history; none when the deal was lost too recently for it. */
export function planPlay(deal: PlannedDeal, scenario: PlayScenario, now: Date): { play: PlannedPlay; history: PlannedHistory[] } | null {
  const today = toCalendarDate(now);
  const lostOn = toCalendarDate(deal.closedAt!);
  const owner = deal.ownerEmail;
  const contact = deal.contacts[0]?.name ?? "";
  const at = (date: string, hour: number) => new Date(fromCalendarDate(date).getTime() + hour * 3_600_000);
  const ref = `${deal.name}:${scenario}`;
  const scheduled = (p: PlannedPlay): PlannedHistory => ({
    type: "play_scheduled",
    at: p.createdAt,
    actorEmail: owner,
    details: { kind: p.kind, note: p.note, touches: p.touches.map((t) => t.dueOn) },
    playRefs: { play: ref },
  });

  if (scenario === "raise_due" || scenario === "raise_upcoming") {
    const startedOn = addCalendarDays(lostOn, 1);
    const dueOn = scenario === "raise_due" ? addCalendarDays(today, -1) : addCalendarDays(today, 21);
    if (startedOn >= dueOn || startedOn >= today) return null;
    const play: PlannedPlay = {
      ref,
      kind: "raise_the_dead",
      status: "active",
      endedAs: null,
      endedAt: null,
      note: "Their budget review is next quarter: try again once it is done.",
      createdAt: at(startedOn, 10),
      touches: [{ position: 1, dueOn, message: "", remindedAt: null, doneAt: null }],
    };
    return { play, history: [scheduled(play)] };
  }

  // Missed Connections: started the day after the loss, on the default cadence.
  const startedOn = addCalendarDays(lostOn, 1);
  const planned = missedConnectionsTouches(startedOn, DEFAULT_CADENCE, { contact, account: deal.accountName });
  const first = planned[0]!;
  if (first.dueOn >= today) return null; // lost too recently for a touch to have come due
  const doneAt = at(first.dueOn, 15);
  const play: PlannedPlay = {
    ref,
    kind: "missed_connections",
    status: "active",
    endedAs: null,
    endedAt: null,
    note: "The champion stopped answering after the loss.",
    createdAt: at(startedOn, 11),
    touches: planned.map((t, i) => ({
      position: i + 1,
      dueOn: t.dueOn,
      message: t.message,
      remindedAt: t.dueOn <= today ? at(t.dueOn, 7) : null,
      doneAt: i === 0 ? doneAt : null,
    })),
  };
  const history: PlannedHistory[] = [
    scheduled(play),
    {
      type: "play_updated",
      at: doneAt,
      actorEmail: owner,
      details: { kind: play.kind, action: "touch_done", touch: 1, of: planned.length, dueOn: first.dueOn },
      playRefs: { play: ref },
    },
  ];
  if (scenario === "missed_answered") {
    const answeredAt = new Date(Math.min(doneAt.getTime() + 2 * DAY, now.getTime() - 3_600_000));
    play.status = "ended";
    play.endedAs = "buyer_answered";
    play.endedAt = answeredAt;
    history.push({
      type: "play_updated",
      at: answeredAt,
      actorEmail: owner,
      details: { kind: play.kind, action: "buyer_answered", endedAs: "buyer_answered", note: "They replied: a new project starts in the spring." },
      playRefs: { play: ref },
    });
  }
  // A touch still ahead is not reminded yet; one already due was (its e-mail went out that morning).
  for (const t of play.touches) if (t.doneAt === null && t.dueOn <= today && play.status === "active") t.remindedAt = at(t.dueOn, 7);
  return { play, history };
}
