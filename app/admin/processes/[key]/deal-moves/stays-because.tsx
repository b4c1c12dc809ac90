// Why a deal stays on its version, in words: its stage is missing from the latest version, or it
// misses criteria of the stages before its own there, each named with its stage.
import type { DealMovesReport } from "@/src/schemas/process-drafts";
import { Badge } from "@/src/ui/badge";

type Item = DealMovesReport["items"][number];

export function StaysBecause({ item, stageNames }: { item: Item; stageNames: ReadonlyMap<string, string> }) {
  if (item.reason === "stage_missing")
    return (
      <div>
        <Badge tone="warning">Stays</Badge>
        <p className="mt-1 text-[13px] text-ink-muted">The latest version has no stage {item.stage}.</p>
      </div>
    );
  return (
    <div>
      <Badge tone="warning">Stays</Badge>
      <p className="mt-1 text-[13px] text-ink-muted">It does not meet, in earlier stages:</p>
      <ul className="mt-0.5 list-disc pl-5 text-[13px] text-ink">
        {(item.unmet ?? []).map((c) => (
          <li key={`${c.stage}:${c.key}`}>
            {c.label} <span className="text-ink-muted">({stageNames.get(c.stage) ?? c.stage})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
