"use client";

// How a page writes to one deal. Writes go one at a time, each naming the version the last one left,
// so quick successive fixes by one person never refuse each other as version conflicts. The board's
// refused-move panel and the deal page each hold one writer; the fixers and forms inside use it.
import { createContext, useContext, useEffect, useMemo, useRef } from "react";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import type { BoardCard } from "@/src/server/board/board-card";

type Answer = { card: BoardCard };

/** A write of the deal (app/opportunities/_actions): it answers with the deal's card. */
export type DealAction<T extends Answer> = (input: never) => Promise<ActionResult<T>>;

export type DealWriter = {
  id: string;
  /** Sends `input` with the deal's id and current version, after the writes before it. */
  run: <T extends Answer>(action: DealAction<T>, input: Record<string, unknown> | FormData) => Promise<ActionResult<T>>;
  /** What a control says when someone else changed the deal meanwhile. */
  conflictHint: string;
};

/** The deal's current card, which every refused write carries (null: the deal is out of sight now). */
export const currentCardOf = (error: ActionError) => (error.details as { card?: BoardCard | null } | undefined)?.card;

type Options = {
  id: string;
  version: number;
  /** The page shows all of the deal: each write answers with the page re-rendered. */
  refreshPage?: boolean;
  /**
   * The page shows the deal as its card, and takes the card each answer carries, a refusal's too:
   * it is then up to date, and writes on from that version. Without it, a refusal leaves the
   * version as it was, and the page must reload to write again.
   */
  onCard?: (card: BoardCard) => void;
  onRefused?: (error: ActionError) => void;
  conflictHint: string;
};

function withTarget(input: Record<string, unknown> | FormData, target: { id: string; version: number; refresh?: true }) {
  if (!(input instanceof FormData)) return { ...input, ...target };
  const form = new FormData();
  for (const [key, value] of input) form.append(key, value);
  form.set("id", target.id);
  if (target.refresh) form.set("refresh", "true");
  return form;
}

export function useDealWriter({ id, version, refreshPage, onCard, onRefused, conflictHint }: Options): DealWriter {
  const latest = useRef(version);
  if (version > latest.current) latest.current = version;
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  // The callbacks change with every render; the writer is made once per deal.
  const callbacks = useRef({ onCard, onRefused });
  useEffect(() => {
    callbacks.current = { onCard, onRefused };
  });

  return useMemo<DealWriter>(() => {
    async function send<T extends Answer>(action: DealAction<T>, input: Record<string, unknown> | FormData) {
      const target = { id, version: latest.current, ...(refreshPage ? { refresh: true as const } : {}) };
      const result = await reachAction(action(withTarget(input, target) as never));
      const { onCard: follow, onRefused: explain } = callbacks.current;
      const card = result.ok ? result.data.card : follow ? currentCardOf(result.error) : undefined;
      if (card && card.version > latest.current) latest.current = card.version;
      if (card) follow?.(card);
      if (!result.ok) explain?.(result.error);
      return result;
    }
    return {
      id,
      conflictHint,
      run: (action, input) => {
        const done = tail.current.then(
          () => send(action, input),
          () => send(action, input),
        );
        tail.current = done.catch(() => undefined);
        return done;
      },
    };
  }, [id, refreshPage, conflictHint]);
}

export const DealWriterContext = createContext<DealWriter | null>(null);

export function useWriter(): DealWriter {
  const writer = useContext(DealWriterContext);
  if (!writer) throw new Error("A deal's form must be inside a DealWriterContext.");
  return writer;
}
