"use client";

import { useDraggable } from "@dnd-kit/core";
import type { HTMLAttributes, KeyboardEventHandler } from "react";
import type { ShownCard } from "./board-state";
import { DealCard } from "./deal-card";

/** A card the rep can drag by the whole card with a mouse or a long press, or move from its handle by keyboard. */
export function DraggableCard({ card, today, canMove }: { card: ShownCard; today: string; canMove: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { stage: card.stage },
    disabled: !canMove || !!card.pending,
    attributes: { roleDescription: "movable deal" },
  });
  // Keys start a move only from the handle, so Enter on the deal's link still opens the deal.
  const { onKeyDown, ...pointer } = (listeners ?? {}) as HTMLAttributes<HTMLElement>;
  return (
    <DealCard
      ref={setNodeRef}
      card={card}
      today={today}
      placeholder={isDragging}
      cardProps={canMove ? pointer : undefined}
      handleProps={canMove ? { ...attributes, ref: setActivatorNodeRef, onKeyDown: onKeyDown as KeyboardEventHandler<HTMLButtonElement> } : undefined}
    />
  );
}
