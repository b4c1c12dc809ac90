"use client";

import { useCallback, useOptimistic, useReducer, useState, useTransition } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import { canCloseLost, firstQualifiedStage } from "@/src/domain/moves/closed-lost";
import { isMoveBack } from "@/src/domain/moves/plan-move";
import type { ActionError } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import type { BoardCard } from "@/src/server/board/board-card";
import type { Board } from "@/src/server/board/get-board";
import { moveDeal } from "../opportunities/_actions/deal-actions";
import { currentCardOf } from "../opportunities/_kit/deal-writer";
import { describeError } from "../opportunities/_lib/problems";
import { boardReducer, initialBoardState, projectMove } from "./board-state";
import { dealTitle } from "./deal-card";
import type { DetailsRequest, MoveInput, Refusal } from "./move-types";

export type Notice = { id: number; tone: "success" | "danger"; text: string };

/**
 * The board's moves. The card moves at once (useOptimistic) while the engine decides; the confirmed
 * state follows the server's answer, so a refusal or a version conflict rolls back to the truth.
 */
export function useBoardMoves(board: Board) {
  const [state, dispatch] = useReducer(boardReducer, board, initialBoardState);
  const [shown, addOptimistic] = useOptimistic(state, boardReducer);
  const [busy, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [details, setDetails] = useState<DetailsRequest | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const stage = (key: string) => board.stages.find((s) => s.key === key);
  const say = (tone: Notice["tone"], text: string) => setNotice({ id: Date.now(), tone, text });
  const dismissNotice = useCallback(() => setNotice(null), []);

  /** The server's word on a card: place it where it is now, or drop it when it is out of sight. */
  function sync(id: string, error: ActionError): BoardCard | null | undefined {
    const current = currentCardOf(error);
    if (current) dispatch({ type: "place", card: current });
    else if (current === null) dispatch({ type: "remove", id });
    return current;
  }

  function explain(card: BoardCard, input: MoveInput, error: ActionError) {
    const current = sync(card.id, error);
    if (error.code === "EXIT_CRITERIA_UNMET") {
      setRefusal({ card: current ?? card, request: input, unmet: (error.details as { unmet: Unmet[] }).unmet });
      return;
    }
    setRefusal(null);
    if (error.code === "VERSION_CONFLICT") {
      const where = current
        ? current.status === "open"
          ? ` It is in ${stage(current.stage)?.name ?? current.stage} now.`
          : ` It is closed ${current.status} now.`
        : "";
      say(
        "danger",
        `Someone else changed ${dealTitle(card)} since you loaded the board, so it was not moved. Its card shows the current state.${where}`,
      );
      return;
    }
    say("danger", `${dealTitle(card)} was not moved. ${describeError(error)}`);
  }

  function send(card: BoardCard, input: MoveInput) {
    const target = stage(input.toStage);
    if (!target) return;
    setDetails(null);
    startTransition(async () => {
      addOptimistic({ type: "place", card: projectMove(card, target.key, target.kind) });
      const result = await reachAction(moveDeal({ id: card.id, version: card.version, ...input }));
      if (result.ok) {
        dispatch({ type: "place", card: result.data.card });
        setRefusal(null);
        const done = target.kind === "open" ? `moved to ${target.name}` : `closed as ${target.kind} (${target.name})`;
        say("success", `${dealTitle(card)} ${done}${input.override ? ", with an override" : ""}.`);
      } else explain(card, input, result.error);
    });
  }

  /** Closed Lost starts at the second stage: a first-stage deal that goes nowhere is disqualified instead. */
  function askLost(card: BoardCard, toStage: string) {
    if (canCloseLost(stage(card.stage)!)) return setDetails({ card, toStage, kind: "lost" });
    const second = firstQualifiedStage(board.stages)?.name ?? "the second stage";
    say(
      "danger",
      `${dealTitle(card)} was not moved. Closed Lost starts at ${second}: disqualify a deal in ${stage(card.stage)!.name} from its page instead.`,
    );
  }

  function drop(card: BoardCard, toStage: string) {
    const target = stage(toStage);
    if (!target || toStage === card.stage) return;
    if (target.kind === "lost") askLost(card, toStage);
    else if (target.kind === "won") setDetails({ card, toStage, kind: "won" });
    else if (isMoveBack(stage(card.stage)!, target)) setDetails({ card, toStage, kind: "back" });
    else send(card, { toStage });
  }

  /** A fix in the panel changed the deal: the board and the panel both show its new card. */
  function updateCard(card: BoardCard) {
    dispatch({ type: "place", card });
    setRefusal((r) => (r && r.card.id === card.id ? { ...r, card } : r));
  }

  function retry(justification?: string) {
    if (!refusal) return;
    send(refusal.card, justification ? { ...refusal.request, override: { justification } } : refusal.request);
  }

  return {
    shown,
    dispatch,
    busy,
    refusal,
    details,
    notice,
    drop,
    send,
    retry,
    updateCard,
    say,
    closeRefusal: () => setRefusal(null),
    cancelDetails: () => setDetails(null),
    dismissNotice,
  };
}
