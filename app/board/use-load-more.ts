"use client";

import { useRef, useState, type Dispatch } from "react";
import { loadMoreCards } from "./actions";
import type { BoardAction, BoardState } from "./board-state";
import { reachAction } from "@/src/http/reach-action";

/** Loads a column's next page of cards, once at a time per column. */
export function useLoadMore(state: BoardState, dispatch: Dispatch<BoardAction>, filters: Record<string, string>, onError: (message: string) => void) {
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const inFlight = useRef(new Set<string>());

  async function loadMore(stage: string) {
    const cursor = state.columns.find((c) => c.key === stage)?.nextCursor;
    if (!cursor || inFlight.current.has(stage)) return;
    inFlight.current.add(stage);
    setLoading(new Set(inFlight.current));
    const result = await reachAction(loadMoreCards({ stage, cursor, filters }));
    inFlight.current.delete(stage);
    setLoading(new Set(inFlight.current));
    if (result.ok) dispatch({ type: "page", stage, cards: result.data.cards, nextCursor: result.data.nextCursor });
    else onError(`More deals could not be loaded. ${result.error.message}`);
  }

  return { loading, loadMore };
}
