"use client";

// The current stage's exit criteria as a live checklist: each one fixed in place with the same
// fixers as the board's refused-move panel, the count and the stage path's outlook refreshed as
// soon as a fix is saved.
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { ChecklistItem, StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { ArrowRightIcon } from "@/src/ui/icons";
import { CriterionStatus } from "../../_kit/criterion-status";
import { CheckFixer } from "../../_kit/fixers/check-fixer";
import { CriterionFixer } from "../../_kit/fixers/criterion-fixer";
import { isEditableField } from "../../_kit/fixers/field-fixer";
import type { FixerDeal } from "../../_kit/fixers/fixer-types";
import { detailOf } from "./criterion-detail";
import { useDeal } from "./deal-context";
import { useMoves } from "./moves";

type Props = { items: ChecklistItem[]; deal: OpportunityResponse; fixing: FixerDeal; stage: StageView; next: StageView | null; now: string };

export function Checklist({ items, deal, fixing, stage, next, now }: Props) {
  const { canMove } = useDeal();
  const open = useMoves();
  const met = items.filter((i) => i.satisfied).length;
  return (
    <section
      aria-labelledby="exit-criteria-heading"
      id="exit-criteria"
      className="scroll-mt-24 rounded-card border border-line bg-surface shadow-card"
    >
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-line px-5 py-4">
        <div className="min-w-0 flex-1">
          <h2 id="exit-criteria-heading" className="text-[15px] font-semibold text-ink">
            Exit criteria to leave {stage.name}
          </h2>
          <div className="mt-2 flex items-center gap-3">
            <div aria-hidden="true" className="h-1.5 w-40 overflow-hidden rounded-full bg-zinc-100">
              <div
                className={cx("h-full rounded-full transition-all", met === items.length ? "bg-emerald-600" : "bg-accent")}
                style={{ width: `${items.length ? (met / items.length) * 100 : 100}%` }}
              />
            </div>
            <p className="text-[13px] text-ink-muted" aria-live="polite" data-testid="criteria-count">
              <span className="font-medium text-ink">
                {met} of {items.length}
              </span>{" "}
              met
            </p>
          </div>
        </div>
        {canMove && next ? (
          <Button
            onClick={() => open(next.kind === "won" ? { kind: "won" } : { kind: "move", to: next.key })}
            variant={met === items.length ? "primary" : "secondary"}
          >
            {next.kind === "won" ? "Close as won" : `Move to ${next.name}`}
            <ArrowRightIcon className="size-4" />
          </Button>
        ) : null}
      </header>
      {items.length === 0 ? (
        <p className="px-5 py-6 text-sm text-ink-muted">{stage.name} has no exit criteria: the deal may move on whenever it is ready.</p>
      ) : (
        <ul className="divide-y divide-line">
          {items.map((item) => (
            <li key={item.key} id={`criterion-${item.key}`} className="px-5 py-4" data-criterion={item.key} data-satisfied={item.satisfied}>
              <Criterion item={item} stageKey={stage.key} deal={deal} fixing={fixing} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ItemProps = { item: ChecklistItem; stageKey: string; deal: OpportunityResponse; fixing: FixerDeal; now: string };

/** Whether a criterion not met yet can be met right here (an approval has its own flow). */
function isFixable(item: ChecklistItem): boolean {
  if (item.type === "field") return item.field === "contacts" || isEditableField(item.field);
  return item.type === "document" || item.type === "plan";
}

function Criterion({ item, stageKey, deal, fixing, now }: ItemProps) {
  const { canEdit, announce } = useDeal();
  const unmet: Unmet = { stage: stageKey, key: item.key, label: item.label, type: item.type };
  const onFixed = (_: boolean, said: string) => announce(said);
  const detail = detailOf(item, deal, canEdit, now);
  if (item.type === "check" && canEdit)
    return <CheckFixer unmet={unmet} done={item.satisfied} onFixed={onFixed} detail={item.satisfied ? detail : undefined} />;
  if (!item.satisfied && canEdit && isFixable(item))
    return (
      <div className="space-y-2">
        <CriterionFixer deal={fixing} unmet={unmet} criterion={item} done={false} onFixed={onFixed} />
        {detail ? <div className="pl-[30px]">{detail}</div> : null}
      </div>
    );
  return (
    <div className="flex gap-3">
      <CriterionStatus met={item.satisfied} />
      <div className="min-w-0 flex-1 space-y-1">
        <p className={item.satisfied ? "text-sm text-ink" : "text-sm font-medium text-ink"}>{item.label}</p>
        {detail}
      </div>
    </div>
  );
}
