// For each stage the deal could be moved to, what the move rules would say right now: the same
// planMove the use case runs, so the stage path can warn before the rep tries.
import type { DealFacts } from "../../domain/criteria/deal-facts";
import type { Unmet } from "../../domain/criteria/unmet-criteria";
import { planMove, type DealPosition } from "../../domain/moves/plan-move";
import type { ProcessVersion } from "../../domain/process/process-version";

/** Stage key → the criteria that block a forward move (or Closed Won) there; absent when none do. */
export function stageOutlook(process: ProcessVersion, position: DealPosition, facts: DealFacts): Record<string, Unmet[]> {
  if (position.status !== "open") return {};
  const current = process.stages.find((s) => s.key === position.stageKey);
  const outlook: Record<string, Unmet[]> = {};
  for (const stage of process.stages) {
    const isAhead = stage.kind === "open" && current !== undefined && stage.order > current.order;
    if (!isAhead && stage.kind !== "won") continue;
    // Closed Won also asks why we won; a placeholder lets the preview reach the criteria.
    const plan = planMove(process, position, facts, { toStage: stage.key, won: { whyWon: "preview" } }, { canOverride: false });
    if (!plan.ok && plan.code === "EXIT_CRITERIA_UNMET") outlook[stage.key] = plan.unmet;
  }
  return outlook;
}
