// The pieces of the board that drag and drop changes. The board is drawn without dnd-kit first, and
// with it (board-dnd-layer.tsx) from the moment the rep reaches for a card: the pointer over the
// board, a move handle focused, a press. A press that came before the code is replayed on it.
import { type ComponentType, createContext, type Ref } from "react";
import type { ShownCard } from "./board-state";

export type CardProps = { card: ShownCard; today: string; canMove: boolean };
export type CardComponent = ComponentType<CardProps>;
/** A drop target's node and whether a dragged card is over it: neither before drag and drop loads. */
export type DropProps = { dropRef?: Ref<HTMLElement>; isOver?: boolean };

/** Started on the board before dnd-kit was there: replayed on it once it is. */
export type PendingStart =
  | { kind: "key"; id: string; code: string; key: string }
  | { kind: "pointer"; id: string; pointerType: string; x: number; y: number; pointerId: number };

/** What a card does, before drag and drop is loaded, when the rep starts to move it (null: reaches for it, its handle focused). */
export const StartMoveContext = createContext<(start: PendingStart | null) => void>(() => {});
