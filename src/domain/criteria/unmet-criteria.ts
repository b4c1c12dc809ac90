import type { Stage } from "../process/process-version";
import type { DealFacts } from "./deal-facts";
import { isSatisfied } from "./is-satisfied";

export type Unmet = { stage: string; key: string; label: string; type: string };

/** Every criterion of each stage on the path that does not hold, grouped by stage in path order. */
export function unmetCriteria(deal: DealFacts, path: readonly Stage[]): Unmet[] {
  return path.flatMap((stage) =>
    stage.exitCriteria.filter((c) => !isSatisfied(c, stage.key, deal)).map((c) => ({ stage: stage.key, key: c.key, label: c.label, type: c.type })),
  );
}

/** Each criterion of a stage with whether it holds: the live checklist of a deal's stage. */
export function criteriaStatus(deal: DealFacts, stage: Stage) {
  return stage.exitCriteria.map((c) => ({ ...c, satisfied: isSatisfied(c, stage.key, deal) }));
}
