// The history of a demo deal, oldest first, told from what the other planners decided: creation,
// each stage change with its time in stage, attestations, uploaded documents, close date changes,
// the close plan, overrides, and how it ended.
import type { Prisma } from "../../generated/prisma/client";
import type { Stage } from "../../domain/process/process-version";
import { isoDate } from "./demo-dates";
import type { PlannedFile, PlannedHistory } from "./demo-plan";
import type { Scenario } from "./demo-scenarios";
import { BACKWARD_REASONS, OVERRIDE_JUSTIFICATIONS } from "./demo-texts";
import type { CloseDates } from "./plan-close-dates";
import type { CriteriaPlan } from "./plan-deal-criteria";
import type { Move, Timeline } from "./plan-deal-timeline";

export type HistoryInput = {
  stages: readonly Stage[];
  s: Scenario;
  t: Timeline;
  criteria: CriteriaPlan;
  dates: CloseDates;
  files: readonly PlannedFile[];
  planSteps: number;
  /** Details of the move into Closed Won or Closed Lost. */
  closing: Prisma.InputJsonObject;
  disqualifiedReason: string | null;
};

/** The move a manager forced past unmet criteria, if any. */
export const overriddenMove = (s: Scenario, t: Timeline, unmet: CriteriaPlan["overrideUnmet"]): Move | undefined =>
  s.override ? t.moves.find((m) => unmet.some((u) => u.stage === m.fromStage) && !m.isBackward) : undefined;

function moveEntries(input: HistoryInput): PlannedHistory[] {
  const { s, t, criteria } = input;
  const forced = overriddenMove(s, t, criteria.overrideUnmet);
  return t.moves.flatMap((m, i): PlannedHistory[] => {
    const isClosing = t.closedAt !== null && i === t.moves.length - 1;
    // The same details a move through the API records (move-opportunity.ts).
    const details = m.isBackward
      ? { kind: "backward", reason: BACKWARD_REASONS[s.variant % BACKWARD_REASONS.length]! }
      : isClosing
        ? input.closing
        : { kind: "forward", ...(m === forced ? { overridden: true } : {}) };
    const stageChanged: PlannedHistory = {
      type: "stage_changed",
      at: m.at,
      actorEmail: m === forced ? s.managerEmail : s.ownerEmail,
      fromStage: m.fromStage,
      toStage: m.toStage,
      secondsInStage: m.secondsInStage,
      details,
    };
    if (m !== forced) return [stageChanged];
    const justification = OVERRIDE_JUSTIFICATIONS[s.override!];
    const override: PlannedHistory = {
      type: "override",
      at: m.at,
      actorEmail: s.managerEmail,
      fromStage: m.fromStage,
      toStage: m.toStage,
      details: { justification, unmet: criteria.overrideUnmet },
    };
    return [override, stageChanged];
  });
}

export function planHistory(input: HistoryInput): PlannedHistory[] {
  const { stages, s, t, criteria, dates } = input;
  const by = s.ownerEmail;
  const label = (stageKey: string, key: string) => stages.find((st) => st.key === stageKey)?.exitCriteria.find((c) => c.key === key)?.label ?? key;
  const entries: PlannedHistory[] = [
    { type: "created", at: t.createdAt, actorEmail: by, toStage: stages[0]!.key, details: {} },
    ...moveEntries(input),
    ...criteria.attestations.map(
      (a): PlannedHistory => ({
        type: "criterion_attested",
        at: a.attestedAt,
        actorEmail: by,
        details: { stage: a.stageKey, key: a.criterionKey, label: label(a.stageKey, a.criterionKey), note: a.note },
      }),
    ),
    // The same details an upload records (upload-file.ts); the loader writes the file's id.
    ...input.files.map(
      (f): PlannedHistory => ({
        type: "file_attached",
        at: f.uploadedAt,
        actorEmail: by,
        details: { kind: f.kind, originalName: f.originalName, storedName: f.storedName },
        fileRefs: { fileId: f.ref },
      }),
    ),
    ...dates.changes.map(
      (c): PlannedHistory => ({
        type: "close_date_changed",
        at: c.changedAt,
        actorEmail: by,
        details: { oldDate: isoDate(c.oldDate), newDate: isoDate(c.newDate), slipDays: c.slipDays, reason: c.reason },
      }),
    ),
  ];
  if (criteria.closePlan && input.planSteps > 0)
    entries.push({ type: "plan_changed", at: criteria.closePlan.at, actorEmail: by, details: { steps: input.planSteps } });
  if (input.disqualifiedReason !== null)
    entries.push({ type: "disqualified", at: t.closedAt!, actorEmail: by, details: { reason: input.disqualifiedReason } });
  // Stable: an override stays just before the stage change it forced.
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
