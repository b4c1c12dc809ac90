"use client";

// The deal's stages across the top: done, current (with its days in stage) and ahead, and the
// closed outcome at the end. A stage ahead or behind is a button that offers to move there.
import { canReopenInto } from "@/src/domain/moves/closed-lost";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { cx } from "@/src/ui/cx";
import { CheckIcon } from "@/src/ui/icons";
import { useDeal } from "./deal-context";
import { useMoves, type MoveFacts } from "./moves";

type SegmentState = "done" | "current" | "ahead" | "unreached" | "won" | "lost" | "disqualified" | "closed";

type Segment = { key: string; name: string; state: SegmentState; detail: string; onSelect?: () => void; action?: string };

// Background and text of each state; every pair keeps at least 4.5:1 contrast.
const LOOK: Record<SegmentState, [bg: string, text: string]> = {
  done: ["bg-accent-soft group-hover:bg-indigo-100", "text-accent-ink"],
  current: ["bg-accent", "text-white"],
  ahead: ["bg-zinc-100 group-hover:bg-zinc-200/80", "text-ink-muted group-hover:text-ink"],
  unreached: ["bg-zinc-50 group-hover:bg-zinc-100", "text-ink-subtle"],
  closed: ["bg-zinc-100", "text-ink-muted"],
  won: ["bg-emerald-700", "text-white"],
  lost: ["bg-red-700", "text-white"],
  disqualified: ["bg-zinc-600", "text-white"],
};

const SHAPE = {
  first: "polygon(0 0, calc(100% - 14px) 0, 100% 50%, calc(100% - 14px) 100%, 0 100%)",
  middle: "polygon(0 0, calc(100% - 14px) 0, 100% 50%, calc(100% - 14px) 100%, 0 100%, 14px 50%)",
  last: "polygon(0 0, 100% 0, 100% 100%, 0 100%, 14px 50%)",
};

/** The current stage's time so far, against its stall limit when it has one. */
function inStage(days: number, limit: number | null): string {
  return limit ? `${days} of ${limit} days` : `${days} ${days === 1 ? "day" : "days"} in stage`;
}

type Props = { facts: MoveFacts; daysInStage: number; lostFrom: string | null; closedOn: string | null };

function segments({ facts, daysInStage, lostFrom, closedOn }: Props, canMove: boolean, open: ReturnType<typeof useMoves>): Segment[] {
  const { stages, status, currentKey } = facts;
  const current = stages.find((s) => s.key === currentKey)!;
  const reachedOrder = status === "lost" ? (stages.find((s) => s.key === lostFrom)?.order ?? 0) : status === "won" ? Infinity : current.order;
  const openStages = stages.filter((s) => s.kind === "open");

  const forOpen = (s: StageView): Segment => {
    if (status === "open") {
      if (s.key === currentKey) return { key: s.key, name: s.name, state: "current", detail: inStage(daysInStage, s.stallDays) };
      const isDone = s.order < current.order;
      return {
        key: s.key,
        name: s.name,
        state: isDone ? "done" : "ahead",
        detail: isDone ? "Done" : `${s.probability}%`,
        ...(canMove ? { onSelect: () => open({ kind: "move", to: s.key }), action: isDone ? "move the deal back here" : "move the deal here" } : {}),
      };
    }
    const archivedHere = status === "disqualified" && s.key === currentKey;
    const reached = s.order <= reachedOrder || archivedHere;
    const reopenable = status === "lost" && canMove && canReopenInto(s);
    return {
      key: s.key,
      name: s.name,
      state: reached ? "done" : "unreached",
      detail: archivedHere ? "Archived" : reached ? (status === "lost" && s.key === lostFrom ? "Lost here" : "Done") : "Not reached",
      ...(reopenable ? { onSelect: () => open({ kind: "reopen", to: s.key }), action: "re-open the deal here" } : {}),
    };
  };

  const outcome: Segment =
    status === "won"
      ? { key: "outcome", name: stages.find((s) => s.kind === "won")?.name ?? "Closed Won", state: "won", detail: closedOn ?? "Won" }
      : status === "lost"
        ? { key: "outcome", name: stages.find((s) => s.kind === "lost")?.name ?? "Closed Lost", state: "lost", detail: closedOn ?? "Lost" }
        : status === "disqualified"
          ? { key: "outcome", name: "Disqualified", state: "disqualified", detail: closedOn ?? "Archived" }
          : { key: "outcome", name: "Closed", state: "closed", detail: "Won or lost" };
  return [...openStages.map(forOpen), outcome];
}

export function StagePathNav(props: Props) {
  const { canMove } = useDeal();
  const open = useMoves();
  const items = segments(props, canMove, open);
  return (
    <div className="-mx-1 overflow-x-auto px-1 py-1">
      <ol aria-label="Stage path" className="flex min-w-[640px]">
        {items.map((seg, i) => {
          const shape = i === 0 ? SHAPE.first : i === items.length - 1 ? SHAPE.last : SHAPE.middle;
          const body = (
            <>
              <span
                aria-hidden="true"
                className={cx("absolute inset-0 rounded-lg transition-colors", LOOK[seg.state][0])}
                style={{ clipPath: shape }}
              />
              <span
                className={cx(
                  "relative flex min-w-0 flex-col text-left",
                  LOOK[seg.state][1],
                  i === 0 ? "pl-3.5 lg:pl-4" : "pl-5 lg:pl-6",
                  i === items.length - 1 ? "pr-3 lg:pr-4" : "pr-3.5 lg:pr-5",
                )}
              >
                <span className="flex items-center gap-1.5 truncate text-xs font-semibold lg:text-[13px]" title={seg.name}>
                  {seg.state === "done" ? <CheckIcon className="size-3.5 shrink-0" /> : null}
                  <span className="truncate">{seg.name}</span>
                </span>
                <span className="truncate text-xs">{seg.detail}</span>
              </span>
            </>
          );
          return (
            <li
              key={seg.key}
              className={cx("relative min-w-0", seg.key === "outcome" ? "flex-[0.8]" : "flex-1", i > 0 && "-ml-2.5")}
              aria-current={seg.state === "current" ? "step" : undefined}
            >
              {seg.onSelect ? (
                <button
                  type="button"
                  onClick={seg.onSelect}
                  className="group relative flex h-14 w-full items-center rounded-lg focus-visible:z-10"
                  data-stage={seg.key}
                >
                  {body}
                  <span className="sr-only">: {seg.action}</span>
                </button>
              ) : (
                <div className="relative flex h-14 w-full items-center" data-stage={seg.key}>
                  {body}
                  {seg.state === "current" ? <span className="sr-only"> (current stage)</span> : null}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
