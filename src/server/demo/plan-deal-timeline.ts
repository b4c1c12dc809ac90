// When a demo deal entered and left each stage: worked back from `now` for an open deal (so its
// time in the current stage is chosen, stalled or not) and from its close for a closed one.
import type { Stage } from "../../domain/process/process-version";
import { DAY, HOUR, toMinute } from "./demo-dates";
import type { Scenario } from "./demo-scenarios";
import type { Draw } from "./seeded-random";

export type Visit = { stageIndex: number; stageKey: string; enteredAt: Date; leftAt: Date };
export type Move = { at: Date; fromStage: string; toStage: string; secondsInStage: number; isBackward: boolean };
export type Timeline = { createdAt: Date; visits: Visit[]; moves: Move[]; closedAt: Date | null };

/** Days a deal usually spends in each open stage, Identify first. */
const DAYS_IN_STAGE: readonly (readonly [number, number])[] = [
  [3, 18],
  [7, 35],
  [7, 30],
  [7, 28],
  [3, 14],
];
const HISTORY_DAYS = 364;

/** The open stages visited, in order: forward one at a time, or skipping the second, or back once. */
function visitedIndexes(s: Scenario): number[] {
  const upTo = Array.from({ length: s.stageIndex + 1 }, (_, i) => i);
  if (s.stageIndex < 2) return upTo;
  if (s.skipsStage) return upTo.filter((i) => i !== 1);
  if (s.goesBack) return [0, 1, 2, 1, ...upTo.slice(2)];
  return upTo;
}

function durations(stages: readonly Stage[], s: Scenario, indexes: number[], d: Draw): number[] {
  return indexes.map((index, i) => {
    const hours = d.int(0, 8) * HOUR;
    if (s.outcome === "open" && i === indexes.length - 1) {
      const limit = stages[index]!.stallDays ?? 30;
      // A deal the desk has seen has been in its stage for a week at least, the time its story takes.
      const shortest = s.desk ? 7 : 1;
      const days = s.isStalledByAge ? limit + d.int(3, 25) : d.int(shortest, Math.max(shortest, Math.floor(limit * 0.7)));
      return days * DAY + hours;
    }
    const [min, max] = s.outcome === "disqualified" ? [5, 30] : (DAYS_IN_STAGE[index] ?? [5, 25]);
    return d.int(min, max) * DAY + hours;
  });
}

/** `closingKey`: the Closed Won or Closed Lost stage a closed deal moved into last. */
export function planTimeline(stages: readonly Stage[], closingKey: string | null, s: Scenario, now: Date, d: Draw): Timeline {
  const indexes = visitedIndexes(s);
  const spans = durations(stages, s, indexes, d);
  const end = s.closedDaysAgo === null ? now.getTime() : now.getTime() - s.closedDaysAgo * DAY - d.int(0, 8) * HOUR;
  // A year of history at most: squeeze the oldest deals' stages rather than start before it.
  const total = spans.reduce((a, b) => a + b, 0);
  const scale = Math.min(1, (end - (now.getTime() - HISTORY_DAYS * DAY)) / total);
  let at = end - total * scale;
  const visits = indexes.map((index, i): Visit => {
    const enteredAt = toMinute(at);
    at += spans[i]! * scale;
    return { stageIndex: index, stageKey: stages[index]!.key, enteredAt, leftAt: toMinute(at) };
  });
  const moves = visits.slice(1).map((to, i): Move => {
    const from = visits[i]!;
    const secondsInStage = (from.leftAt.getTime() - from.enteredAt.getTime()) / 1000;
    const isBackward = to.stageIndex < from.stageIndex;
    return { at: to.enteredAt, fromStage: from.stageKey, toStage: to.stageKey, secondsInStage, isBackward };
  });
  const last = visits[visits.length - 1]!;
  if (closingKey) {
    const secondsInStage = (last.leftAt.getTime() - last.enteredAt.getTime()) / 1000;
    moves.push({ at: last.leftAt, fromStage: last.stageKey, toStage: closingKey, secondsInStage, isBackward: false });
  }
  return { createdAt: visits[0]!.enteredAt, visits, moves, closedAt: s.outcome === "open" ? null : last.leftAt };
}
