"use client";

import { use } from "react";
import { StartMoveContext, type CardProps } from "./board-parts";
import { SCREEN_READER_INSTRUCTIONS_ID } from "./board-words";
import { DealCard } from "./deal-card";

const START_KEYS = ["Space", "Enter"];

/**
 * A card before drag and drop is loaded: the same card and move handle, whose first press loads
 * dnd-kit and is handed to it (board-view.tsx), so the first move works as every later one.
 */
export function StaticCard({ card, today, canMove }: CardProps) {
  const start = use(StartMoveContext);
  return (
    <DealCard
      card={card}
      today={today}
      cardProps={
        canMove
          ? {
              // Not from the deal's link: the switch to drag and drop draws the card anew, which would lose the click.
              onPointerDown: (e) => {
                if (e.button === 0 && !(e.target as Element).closest("a"))
                  start({ kind: "pointer", id: card.id, pointerType: e.pointerType, x: e.clientX, y: e.clientY, pointerId: e.pointerId });
              },
            }
          : undefined
      }
      handleProps={
        canMove
          ? {
              "aria-roledescription": "movable deal",
              "aria-describedby": SCREEN_READER_INSTRUCTIONS_ID,
              onFocus: () => start(null),
              onKeyDown: (e) => {
                if (!START_KEYS.includes(e.code)) return;
                e.preventDefault();
                start({ kind: "key", id: card.id, code: e.code, key: e.key });
              },
            }
          : undefined
      }
    />
  );
}
