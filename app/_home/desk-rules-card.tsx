import type { Actor } from "@/src/auth/actor";
import type { DealDeskRule } from "@/src/domain/deal-desk/rules";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { GROUP_LABELS } from "@/src/ui/labels";

/** The rules that make a deal non-standard, with the groups each routes to; the actor's own marked. */
export function DeskRulesCard({ rules, actor, className }: { rules: DealDeskRule[]; actor: Actor; className?: string }) {
  const mine = new Set<string>(actor.groups);
  return (
    <Card className={className} title="When a deal comes to the deal desk" description="The active rules, and who approves." flush>
      <ul className="divide-y divide-line">
        {rules.map((r) => (
          <li key={r.key} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1.5 px-5 py-3">
            <span className="text-sm text-ink">{r.label}</span>
            <span className="flex flex-wrap gap-1">
              {r.groups.map((g) => (
                <Badge key={g} tone={mine.has(g) ? "accent" : "neutral"}>
                  {GROUP_LABELS[g]}
                  {mine.has(g) ? <span className="sr-only"> (your group)</span> : null}
                </Badge>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
