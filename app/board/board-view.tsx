"use client";

import type { DragEndEvent } from "@dnd-kit/core";
import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import type { Board } from "@/src/server/board/get-board";
import { cx } from "@/src/ui/cx";
import { BoardColumn } from "./board-column";
import { BoardNotice } from "./board-notice";
import { type PendingStart, StartMoveContext } from "./board-parts";
import type { BoardState, ShownCard } from "./board-state";
import { SCREEN_READER_INSTRUCTIONS, SCREEN_READER_INSTRUCTIONS_ID } from "./board-words";
import { ClosedTarget, ClosedTargets } from "./closed-targets";
import { dealTitle } from "./deal-card";
import { StaticCard } from "./static-card";
import { useBoardMoves } from "./use-board-moves";
import { useLoadMore } from "./use-load-more";

// The dialogs (Radix, and the fixers behind them) load when a move first needs one, not with the board.
const MoveDetailsDialog = dynamic(() => import("./move-details-dialog").then((m) => m.MoveDetailsDialog));
const RefusedPanel = dynamic(() => import("./refused-panel").then((m) => m.RefusedPanel));

type Props = { board: Board; filters: Record<string, string>; today: string; lossCategories: readonly LossCategory[] };
type DndLayer = typeof import("./board-dnd-layer");
/** Where the board was scrolled and what had focus, kept across the switch to drag and drop (which draws the cards anew). */
type Place = { left: number; columns: Record<string, number>; focus: string | null };

const findCard = (state: BoardState, id: string): ShownCard | undefined => {
  for (const col of state.columns) {
    const card = col.cards.find((c) => c.id === id);
    if (card) return card;
  }
  return undefined;
};

const handleOf = (id: string) => document.querySelector<HTMLElement>(`[data-move-handle="${CSS.escape(id)}"]`);
const cardOf = (id: string) => document.getElementById(`deal-${id}-title`)?.closest("article") ?? null;

/** After a keyboard move the card is a new element in another column: focus follows it. */
function refocusHandle(id: string) {
  requestAnimationFrame(() => handleOf(id)?.focus());
}

function placeOf(board: HTMLElement | null): Place | null {
  if (!board) return null;
  const columns: Record<string, number> = {};
  for (const col of board.querySelectorAll<HTMLElement>("section[data-stage]")) {
    const list = col.querySelector<HTMLElement>("[data-column-scroller]");
    if (list) columns[col.dataset.stage!] = list.scrollTop;
  }
  const focused = document.activeElement instanceof HTMLElement && board.contains(document.activeElement) ? document.activeElement : null;
  return { left: board.scrollLeft, columns, focus: focused?.dataset.moveHandle ?? null };
}

function restorePlace(board: HTMLElement | null, place: Place | null) {
  if (!board || !place) return;
  board.scrollLeft = place.left;
  for (const [stage, top] of Object.entries(place.columns)) {
    const list = board.querySelector<HTMLElement>(`section[data-stage="${CSS.escape(stage)}"] [data-column-scroller]`);
    if (list) list.scrollTop = top;
  }
  if (place.focus) handleOf(place.focus)?.focus();
}

/**
 * A press that came before dnd-kit, handed to it as if it came now: the drag or keyboard pick-up goes
 * on from there. A mouse that has already moved away is moved there again once dnd-kit listens, so a
 * drag held still over its target (the code arrived during the pause) starts and shows its target.
 */
function replay(start: PendingStart, pointer: () => { x: number; y: number } | null, stillPending: () => boolean) {
  if (start.kind === "key") {
    const handle = handleOf(start.id);
    handle?.focus();
    handle?.dispatchEvent(new KeyboardEvent("keydown", { code: start.code, key: start.key, bubbles: true, cancelable: true }));
    return;
  }
  const card = cardOf(start.id);
  if (!card) return;
  const at = { clientX: start.x, clientY: start.y, bubbles: true, cancelable: true };
  if (start.pointerType === "mouse") {
    card.dispatchEvent(new MouseEvent("mousedown", { ...at, button: 0, buttons: 1 }));
    // dnd-kit's mouse sensor starts the drag on the first move past its distance and follows the
    // pointer from the next one: two moves to where the pointer is now, a frame apart, while the
    // button is held (`pointer()` is null once it is let go).
    const moveThere = () => {
      const to = pointer();
      if (!to) return false;
      document.dispatchEvent(new MouseEvent("mousemove", { clientX: to.x, clientY: to.y, bubbles: true, cancelable: true, buttons: 1 }));
      return true;
    };
    requestAnimationFrame(() => {
      const to = pointer();
      if (!stillPending() || !to || Math.hypot(to.x - start.x, to.y - start.y) < 6) return;
      if (moveThere()) requestAnimationFrame(moveThere);
    });
  } else if (typeof Touch === "function")
    card.dispatchEvent(new TouchEvent("touchstart", { ...at, touches: [new Touch({ identifier: start.pointerId, target: card, ...at })] }));
}

export function BoardView({ board, filters, today, lossCategories }: Props) {
  const moves = useBoardMoves(board);
  const { shown } = moves;
  const { loading, loadMore } = useLoadMore(shown, moves.dispatch, filters, (m) => moves.say("danger", m));
  const [activeId, setActiveId] = useState<string | null>(null);
  // Drag and drop reads the cards and moves as they are now.
  const latest = useRef({ shown, drop: moves.drop });
  useEffect(() => {
    latest.current = { shown, drop: moves.drop };
  });

  const order = useCallback(() => [...latest.current.shown.columns.map((c) => c.key), ...latest.current.shown.closed.map((c) => c.key)], []);
  const stageName = useCallback((key: string) => board.stages.find((s) => s.key === key)?.name ?? key, [board.stages]);
  const describe = useCallback(
    (id: string) => {
      const card = findCard(latest.current.shown, id);
      return card ? { title: dealTitle(card), stageName: stageName(card.stage) } : null;
    },
    [stageName],
  );

  // Drag and drop (dnd-kit) loads when the rep first reaches for a card: a press on it, or its move
  // handle focused or pressed. A press before the code is there is replayed on it; a mouse drag let
  // go before it is there drops where it was let go. A press stays pending until dnd-kit starts the
  // drag or the button is let go, so no moment between the two loses the drop.
  const [dnd, setDnd] = useState<DndLayer | null>(null);
  const requested = useRef(false);
  const pending = useRef<PendingStart | null>(null);
  // Where a pressed pointer is, from the press until it is let go (replayed to dnd-kit when it arrives).
  const pointerAt = useRef<{ id: number; x: number; y: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const place = useRef<Place | null>(null);
  const loadDnd = useCallback(() => {
    if (requested.current) return;
    requested.current = true;
    import("./board-dnd-layer").then(
      (layer) => {
        place.current = placeOf(scroller.current);
        setDnd(layer);
      },
      () => {
        requested.current = false; // the next reach tries again
      },
    );
  }, []);
  const startMove = useCallback(
    (start: PendingStart | null) => {
      if (start) {
        pending.current = start;
        pointerAt.current = start.kind === "pointer" ? { id: start.pointerId, x: start.x, y: start.y } : null;
      }
      loadDnd();
    },
    [loadDnd],
  );
  useEffect(() => {
    function released(e: PointerEvent) {
      if (pointerAt.current?.id === e.pointerId) pointerAt.current = null;
      const start = pending.current;
      if (start?.kind !== "pointer" || start.pointerId !== e.pointerId) return;
      pending.current = null;
      if (e.type !== "pointerup" || start.pointerType !== "mouse" || Math.hypot(e.clientX - start.x, e.clientY - start.y) < 6) return;
      const stage = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>("section[data-stage]")?.dataset.stage;
      const card = findCard(latest.current.shown, start.id);
      if (card && stage) latest.current.drop(card, stage);
    }
    function moved(e: PointerEvent) {
      if (pointerAt.current?.id === e.pointerId) pointerAt.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    }
    window.addEventListener("pointermove", moved);
    window.addEventListener("pointerup", released);
    window.addEventListener("pointercancel", released);
    return () => {
      window.removeEventListener("pointermove", moved);
      window.removeEventListener("pointerup", released);
      window.removeEventListener("pointercancel", released);
    };
  }, []);
  useLayoutEffect(() => {
    if (dnd) restorePlace(scroller.current, place.current);
  }, [dnd]);
  useEffect(() => {
    if (!dnd) return;
    // After dnd-kit's own effects (its announcements listen from there).
    const timer = setTimeout(() => {
      const start = pending.current;
      if (!start) return;
      // A key press is handed over at once; a pointer press stays pending until the drag starts or is let go.
      if (start.kind === "key") pending.current = null;
      replay(
        start,
        () => pointerAt.current,
        () => pending.current === start,
      );
    });
    return () => clearTimeout(timer);
  }, [dnd]);

  function onDragEnd({ active, over, activatorEvent }: DragEndEvent) {
    setActiveId(null);
    const card = findCard(shown, String(active.id));
    if (!card || !over) return;
    moves.drop(card, String(over.id));
    if (activatorEvent instanceof KeyboardEvent) refocusHandle(card.id);
  }

  const Column = dnd?.DroppableColumn ?? BoardColumn;
  const columns = (
    <div
      ref={scroller}
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
        <Column
          key={col.key}
          column={col}
          currency={shown.currency}
          today={today}
          canMove={board.canMove}
          loading={loading.has(col.key)}
          onLoadMore={loadMore}
          Card={dnd?.DraggableCard ?? StaticCard}
        />
      ))}
      <ClosedTargets
        targets={shown.closed}
        currency={shown.currency}
        period={board.closedPeriod}
        canMove={board.canMove}
        Target={dnd?.DroppableClosedTarget ?? ClosedTarget}
      />
    </div>
  );

  let frame: ReactNode;
  if (dnd)
    frame = (
      <dnd.BoardDnd
        order={order}
        describe={describe}
        stageName={stageName}
        active={activeId ? findCard(shown, activeId) : undefined}
        today={today}
        onDragStart={(id) => {
          pending.current = null;
          setActiveId(id);
        }}
        onDragCancel={() => setActiveId(null)}
        onDragEnd={onDragEnd}
      >
        {columns}
      </dnd.BoardDnd>
    );
  else
    frame = (
      <StartMoveContext value={startMove}>
        {columns}
        {/* The handles' instructions until dnd-kit, which says the same under the same id, takes over. */}
        <div id={SCREEN_READER_INSTRUCTIONS_ID} hidden>
          {SCREEN_READER_INSTRUCTIONS}
        </div>
      </StartMoveContext>
    );

  return (
    <>
      {frame}
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
    </>
  );
}
