import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { BoardCard } from "@/src/server/board/board-card";

export type FixerProps = {
  card: BoardCard;
  unmet: Unmet;
  /** Met since the panel opened. */
  done: boolean;
  /** The deal changed (a fix, or the state someone else left): the board and the panel follow. */
  onCard: (card: BoardCard) => void;
  onFixed: (isMet: boolean) => void;
};

export const fixerId = (unmet: Unmet) => `fix-${unmet.stage}-${unmet.key}`;
