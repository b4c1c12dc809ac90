// The qualification answers of a demo deal (docs/rules/demo-data.md): while in a stage that asks
// questions, its owner answered them, as one change recorded the way the deal page records it (a
// field_changed entry naming each answer). A deal that moved on answered every question of that
// stage; a deal still in it, only some, so the deal page shows questions left to answer. Drawn from
// the deal's variant rather than the seeded draw, which the other planners share.
import type { Stage } from "../../domain/process/process-version";
import { answerField, type QualificationAnswer, type QualificationAnswers } from "../../domain/process/qualification-answers";
import { addDays, HOUR, isoDate, toMinute } from "./demo-dates";
import type { PlannedHistory } from "./demo-plan";
import type { Scenario } from "./demo-scenarios";
import type { Timeline } from "./plan-deal-timeline";

const TEXTS: Record<string, readonly string[]> = {
  compelling_event: [
    "The current system's support contract ends at the end of the quarter",
    "A new regulation applies from the first of next year",
    "The board asked for a plan before the annual budget review",
  ],
  influencers: [
    "The VP Operations sponsors it; IT security must approve any new vendor",
    "The CFO signs; the head of sales operations runs the evaluation",
    "The COO decides; two regional managers test it with their teams",
  ],
  competing_projects: [
    "A warehouse automation project asks for the same budget",
    "None: this is the year's priority",
    "An ERP upgrade planned for the spring",
  ],
};

function answerTo(key: string, kind: Stage["questions"][number]["answer"], s: Scenario, closeDate: Date): QualificationAnswer {
  switch (kind) {
    case "yes_no":
      return (s.variant + key.length) % 4 !== 0;
    case "number":
      return 10 * (s.variant + 1);
    case "date":
      // The date the buyer's project must be done by: a few months after they decide.
      return isoDate(addDays(closeDate, 30 * (1 + (s.variant % 3))));
    case "text": {
      const pool = TEXTS[key] ?? ["Recorded in discovery"];
      return pool[s.variant % pool.length]!;
    }
  }
}

/** The answers the deal carries, and the history entries that recorded them. */
export function planAnswers(
  stages: readonly Stage[],
  s: Scenario,
  t: Timeline,
  closeDate: Date,
): { answers: QualificationAnswers; history: PlannedHistory[] } {
  const answers: QualificationAnswers = {};
  const history: PlannedHistory[] = [];
  const current = t.closedAt === null ? t.visits.at(-1) : undefined;
  for (const stage of stages.filter((st) => st.questions.length > 0)) {
    const visit = t.visits.find((v) => v.stageKey === stage.key);
    if (!visit) continue;
    const isStillThere = current?.stageKey === stage.key && current === visit;
    const questions = isStillThere ? stage.questions.slice(0, 1 + (s.variant % stage.questions.length)) : stage.questions;
    const given = questions.map((q) => [q.key, answerTo(q.key, q.answer, s, closeDate)] as const);
    for (const [key, value] of given) answers[key] = value;
    // A few hours into the stage, and before leaving it.
    const at = toMinute(Math.min(visit.enteredAt.getTime() + 3 * HOUR, (visit.enteredAt.getTime() + visit.leftAt.getTime()) / 2));
    history.push({
      type: "field_changed",
      at,
      actorEmail: s.ownerEmail,
      details: { changes: Object.fromEntries(given.map(([key, value]) => [answerField(key), { from: null, to: value }])) },
    });
  }
  return { answers, history };
}
