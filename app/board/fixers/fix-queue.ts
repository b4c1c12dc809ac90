"use client";

import { createContext, useContext, useMemo, useRef } from "react";
import type { BoardCard } from "@/src/server/board/board-card";

/**
 * Fixes in the refused-move panel each write a new version of the deal. A rep can tick three boxes
 * in a row: the queue sends them one after another, each with the version the previous one left,
 * so quick fixes never refuse each other as version conflicts.
 */
type FixQueue = {
  version: () => number;
  /** Runs `write` after the writes before it; `cardOf` reads the deal's new card from its answer. */
  enqueue: <R>(write: (version: number) => Promise<R>, cardOf: (result: R) => BoardCard | null | undefined) => Promise<R>;
};

export const FixQueueContext = createContext<FixQueue | null>(null);

export function useFixQueueFor(card: BoardCard): FixQueue {
  const latest = useRef(card.version);
  if (card.version > latest.current) latest.current = card.version;
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  return useMemo<FixQueue>(
    () => ({
      version: () => latest.current,
      enqueue: (write, cardOf) => {
        const run = async () => {
          const result = await write(latest.current);
          const next = cardOf(result);
          if (next && next.version > latest.current) latest.current = next.version;
          return result;
        };
        const done = tail.current.then(run, run);
        tail.current = done.catch(() => undefined);
        return done;
      },
    }),
    [],
  );
}

export function useFixQueue(): FixQueue {
  const queue = useContext(FixQueueContext);
  if (!queue) throw new Error("A fixer must be inside the refused-move panel.");
  return queue;
}
