import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { LostFields } from "@/src/domain/moves/closed-lost";
import type { BoardCard } from "@/src/server/board/board-card";

/** A move as the board sends it (MoveRequest without the id and version, which come from the card). */
export type MoveInput = {
  toStage: string;
  reason?: string;
  lost?: LostFields;
  won?: { whyWon: string };
  override?: { justification: string };
};

/** A move the engine refused for unmet exit criteria: the panel lists them, grouped by stage. */
export type Refusal = { card: BoardCard; request: MoveInput; unmet: Unmet[] };

/** A drop that needs words first: why we won or lost, or why the deal goes back. */
export type DetailsRequest = { card: BoardCard; toStage: string; kind: "won" | "lost" | "back" };
