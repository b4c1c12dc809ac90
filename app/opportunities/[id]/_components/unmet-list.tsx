"use client";

// The exit criteria in the way of a move, grouped by stage as the API lists them. Check criteria
// can be ticked right here; the others name where on the page to fix them.
import { useState } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Button } from "@/src/ui/button";
import { attestCriterionAction } from "../actions";
import { useDeal } from "./deal-context";

function whereToFix(item: Unmet, currentKey: string, stages: StageView[]): { href: string; text: string } | null {
  if (item.stage === currentKey && item.type !== "approval") return { href: "#exit-criteria", text: "Fix it in the checklist" };
  switch (item.type) {
    case "field":
      return stages.find((s) => s.key === item.stage)?.contactCriteria.includes(item.key)
        ? { href: "#contacts", text: "Add them under Buying group" }
        : { href: "#deal-details", text: "Fill it in under Deal details" };
    case "document":
      return { href: "#files", text: "Attach it under Files" };
    case "approval":
      return { href: "#approval", text: "See deal desk approval" };
    case "plan":
      return { href: "#close-plan", text: "Complete the close plan" };
    default:
      return null;
  }
}

type Props = { unmet: Unmet[]; stages: StageView[]; currentKey: string; onFixed: (item: Unmet) => void; onNavigate: () => void };

export function UnmetList({ unmet, stages, currentKey, onFixed, onNavigate }: Props) {
  const byStage = stages.map((s) => ({ stage: s, items: unmet.filter((u) => u.stage === s.key) })).filter((g) => g.items.length);
  return (
    <div className="space-y-4" data-testid="unmet-criteria">
      {byStage.map(({ stage, items }) => (
        <section key={stage.key} aria-label={`${stage.name}: ${items.length} not met`}>
          <h3 className="text-[13px] font-semibold text-ink">
            {stage.name} <span className="font-normal text-ink-muted">· {items.length} not met</span>
          </h3>
          <ul className="mt-2 divide-y divide-line rounded-lg border border-line">
            {items.map((u) => (
              <UnmetRow key={`${u.stage}:${u.key}`} item={u} where={whereToFix(u, currentKey, stages)} onFixed={onFixed} onNavigate={onNavigate} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type RowProps = { item: Unmet; where: { href: string; text: string } | null; onFixed: (u: Unmet) => void; onNavigate: () => void };

function UnmetRow({ item, where, onFixed, onNavigate }: RowProps) {
  const { canEdit, run } = useDeal();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function attest() {
    setPending(true);
    const result = await run(attestCriterionAction, { key: item.key, stage: item.stage, satisfied: true });
    setPending(false);
    if (result.ok) onFixed(item);
    else setError(result.error.message);
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1.5 px-3 py-2.5">
      <span className="flex min-w-0 items-start gap-2 text-sm text-ink">
        <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-red-500" />
        {item.label}
      </span>
      {item.type === "check" && canEdit ? (
        <Button size="sm" variant="secondary" onClick={attest} disabled={pending}>
          {pending ? "Saving…" : "Mark as met"}
        </Button>
      ) : where ? (
        <a href={where.href} onClick={onNavigate} className="text-[13px] font-medium text-accent hover:underline">
          {where.text}
        </a>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}
