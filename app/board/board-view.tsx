"use client";

import { DndContext, DragOverlay, KeyboardSensor, MouseSensor, TouchSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import type { Board } from "@/src/server/board/get-board";
import { cx } from "@/src/ui/cx";
import { BoardColumn } from "./board-column";
import { boardAnnouncements, boardCollisions, SCREEN_READER_INSTRUCTIONS, stageKeyboardCoordinates } from "./board-dnd";
import { BoardNotice } from "./board-notice";
import type { BoardState, ShownCard } from "./board-state";
import { ClosedTargets } from "./closed-targets";
import { DealCard, dealTitle } from "./deal-card";
import { useBoardMoves } from "./use-board-moves";
import { useLoadMore } from "./use-load-more";

// The dialogs (Radix, and the fixers behind them) load when a move first needs one, not with the board.
const MoveDetailsDialog = dynamic(() => import("./move-details-dialog").then((m) => m.MoveDetailsDialog));
const RefusedPanel = dynamic(() => import("./refused-panel").then((m) => m.RefusedPanel));

type Props = { board: Board; filters: Record<string, string>; today: string; lossCategories: readonly LossCategory[] };

const findCard = (state: BoardState, id: string): ShownCard | undefined => {
  for (const col of state.columns) {
    const card = col.cards.find((c) => c.id === id);
    if (card) return card;
  }
  return undefined;
};

/** After a keyboard move the card is a new element in another column: focus follows it. */
function refocusHandle(id: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-move-handle="${CSS.escape(id)}"]`)?.focus());
}

export function BoardView({ board, filters, today, lossCategories }: Props) {
  const moves = useBoardMoves(board);
  const { shown } = moves;
  const { loading, loadMore } = useLoadMore(shown, moves.dispatch, filters, (m) => moves.say("danger", m));
  const [activeId, setActiveId] = useState<string | null>(null);
  // Sensors and announcements are made once; they read the cards as they are now.
  const latest = useRef(shown);
  useEffect(() => {
    latest.current = shown;
  }, [shown]);

  const order = useCallback(() => [...latest.current.columns.map((c) => c.key), ...latest.current.closed.map((c) => c.key)], []);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stageKeyboardCoordinates(order) }),
  );
  const stageName = useCallback((key: string) => board.stages.find((s) => s.key === key)?.name ?? key, [board.stages]);
  const announcements = useMemo(
    () =>
      boardAnnouncements((id) => {
        const card = findCard(latest.current, id);
        return card ? { title: dealTitle(card), stageName: stageName(card.stage) } : null;
      }, stageName),
    [stageName],
  );

  function onDragEnd({ active, over, activatorEvent }: DragEndEvent) {
    setActiveId(null);
    const card = findCard(shown, String(active.id));
    if (!card || !over) return;
    moves.drop(card, String(over.id));
    if (activatorEvent instanceof KeyboardEvent) refocusHandle(card.id);
  }

  const active = activeId ? findCard(shown, activeId) : undefined;
  return (
    <DndContext
      id="board-dnd"
      sensors={sensors}
      collisionDetection={boardCollisions}
      accessibility={{ announcements, screenReaderInstructions: { draggable: SCREEN_READER_INSTRUCTIONS } }}
      onDragStart={({ active: a }) => setActiveId(String(a.id))}
      onDragCancel={() => setActiveId(null)}
      onDragEnd={onDragEnd}
    >
      <div
        className={cx(
          // Below lg the navigation and the filters take two rows each: the board fills what is left of the screen.
          // `relative` holds the cards' visually hidden (absolute) labels inside the scroller; without it they
          // widen the page, which then scrolls sideways past the board on a tablet.
          "relative -mx-6 flex h-[max(32rem,calc(100dvh-23rem))] gap-3 overflow-x-auto px-6 pb-3 [scrollbar-width:thin] lg:h-[max(32rem,calc(100dvh-17.5rem))]",
          activeId ? "snap-none" : "snap-x snap-proximity scroll-px-6",
        )}
        data-testid="board"
      >
        {shown.columns.map((col) => (
          <BoardColumn
            key={col.key}
            column={col}
            currency={shown.currency}
            today={today}
            canMove={board.canMove}
            loading={loading.has(col.key)}
            onLoadMore={loadMore}
          />
        ))}
        <ClosedTargets targets={shown.closed} currency={shown.currency} period={board.closedPeriod} canMove={board.canMove} />
      </div>
      <DragOverlay dropAnimation={null}>{active ? <DealCard card={active} today={today} overlay /> : null}</DragOverlay>
      {moves.details ? (
        <MoveDetailsDialog
          request={moves.details}
          stages={board.stages}
          lossCategories={lossCategories}
          onSubmit={(input) => moves.send(moves.details!.card, input)}
          onCancel={moves.cancelDetails}
        />
      ) : null}
      {moves.refusal ? (
        <RefusedPanel
          key={`${moves.refusal.card.id}:${moves.refusal.request.toStage}:${moves.refusal.unmet.map((u) => u.key).join()}`}
          refusal={moves.refusal}
          stages={board.stages}
          canOverride={board.canOverride}
          busy={moves.busy}
          onCard={moves.updateCard}
          onRetry={moves.retry}
          onClose={moves.closeRefusal}
        />
      ) : null}
      <BoardNotice notice={moves.notice} onDismiss={moves.dismissNotice} />
    </DndContext>
  );
}
