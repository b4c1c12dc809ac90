"use client";

import { useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import type { BoardCard } from "@/src/server/board/board-card";
import { useFixQueue } from "./fixers/fix-queue";
import { reachAction } from "@/src/http/reach-action";

/** An action's error in words, naming the fields the server refused. */
export function describeError(error: ActionError): string {
  const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!fields?.length) return error.message;
  return `${error.message} ${fields.map((f) => `${f.field.replace(/^.*\./, "")}: ${f.message}`).join("; ")}.`;
}

/** The deal's current card, which the board's actions attach to every refusal. */
export const currentCardOf = (error: ActionError) => (error.details as { card?: BoardCard | null } | undefined)?.card;

/**
 * Runs one fix of the refused-move panel, in the panel's queue: on success the deal's new card (and
 * version) goes back to the board; on a refusal the error shows beside the control, and the card
 * still refreshes.
 */
export function useFix(onCard: (card: BoardCard) => void) {
  const queue = useFixQueue();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  /** `optimistic` runs inside the transition: an optimistic value set there lasts until the answer. */
  function run<T>(action: (version: number) => Promise<ActionResult<T>>, cardOf: (data: T) => BoardCard, onDone?: (data: T) => void, optimistic?: () => void) {
    setError(null);
    startTransition(async () => {
      optimistic?.();
      const result = await queue.enqueue((version) => reachAction(action(version)), (r) => (r.ok ? cardOf(r.data) : currentCardOf(r.error)));
      if (result.ok) {
        onCard(cardOf(result.data));
        onDone?.(result.data);
        return;
      }
      const current = currentCardOf(result.error);
      if (current) onCard(current);
      setError(
        result.error.code === "VERSION_CONFLICT"
          ? "Someone else changed this deal meanwhile. It is up to date now: try again."
          : describeError(result.error),
      );
    });
  }

  return { run, pending, error };
}
