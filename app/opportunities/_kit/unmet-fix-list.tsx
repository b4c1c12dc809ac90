"use client";

// The exit criteria in the way of a move, grouped by stage in process order as the API lists them,
// each with what it takes to meet it right here. The board's refused-move panel and the deal page's
// move dialogs show this list; a fixed criterion stays in it, marked met, until the move is retried.
import { useState } from "react";
import { attestationKey } from "@/src/domain/criteria/deal-facts";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { ExitCriterion } from "@/src/domain/process/types";
import { pluralize } from "@/src/ui/format";
import { CriterionFixer } from "./fixers/criterion-fixer";
import type { FixerDeal } from "./fixers/fixer-types";

type StageOf = { key: string; name: string; exitCriteria: ExitCriterion[] };

/** Which of a list of unmet criteria were met since it was shown. */
export function useMetCriteria(unmet: readonly Unmet[]) {
  const [met, setMet] = useState<ReadonlySet<string>>(new Set());
  const mark = (u: Unmet, isMet: boolean) =>
    setMet((prev) => {
      const next = new Set(prev);
      if (isMet) next.add(attestationKey(u.stage, u.key));
      else next.delete(attestationKey(u.stage, u.key));
      return next;
    });
  return { met, mark, left: unmet.filter((u) => !met.has(attestationKey(u.stage, u.key))).length };
}

type Props = {
  unmet: readonly Unmet[];
  stages: readonly StageOf[];
  deal: FixerDeal;
  met: ReadonlySet<string>;
  onFixed: (u: Unmet, isMet: boolean, said: string) => void;
  onLeave?: () => void;
};

export function UnmetFixList({ unmet, stages, deal, met, onFixed, onLeave }: Props) {
  const groups = stages.map((stage) => ({ stage, items: unmet.filter((u) => u.stage === stage.key) })).filter((g) => g.items.length > 0);
  return (
    <div className="space-y-6" data-testid="unmet-criteria">
      {groups.map(({ stage, items }) => (
        <section key={stage.key} aria-labelledby={`unmet-${stage.key}`}>
          <h3 id={`unmet-${stage.key}`} className="text-[13px] font-semibold text-ink">
            Exit criteria of {stage.name}
            <span className="ml-2 font-normal text-ink-muted">{pluralize(items.length, "unmet", "unmet")}</span>
          </h3>
          <ul className="mt-2 divide-y divide-line overflow-hidden rounded-lg border border-line">
            {items.map((u) => (
              <li key={u.key} className="px-4 py-3.5">
                <CriterionFixer
                  deal={deal}
                  unmet={u}
                  criterion={stage.exitCriteria.find((c) => c.key === u.key) ?? null}
                  done={met.has(attestationKey(u.stage, u.key))}
                  onFixed={(isMet, said) => onFixed(u, isMet, said)}
                  onLeave={onLeave}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
