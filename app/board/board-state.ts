// What the board shows, as a pure reducer: the confirmed state and the optimistic one (useOptimistic)
// both run through it. Placing a card is idempotent, so an optimistic move replayed on top of the
// server's answer changes nothing.
import { compareCards, type BoardCard } from "@/src/server/board/board-card";
import type { Board } from "@/src/server/board/get-board";

export type ShownCard = BoardCard & { pending?: boolean };
export type ColumnState = Board["columns"][number] & { cards: ShownCard[] };
export type ClosedState = Board["closed"][number] & { ids: string[] };
export type BoardState = { currency: string; closedIncludesToday: boolean; columns: ColumnState[]; closed: ClosedState[] };

export type BoardAction =
  /** The card as it is, or as a move will leave it: it goes where its stage and status say. */
  | { type: "place"; card: ShownCard }
  /** The deal is out of the actor's sight now. */
  | { type: "remove"; id: string }
  | { type: "page"; stage: string; cards: BoardCard[]; nextCursor: string | null };

export const initialBoardState = (board: Board): BoardState => ({
  currency: board.currency,
  closedIncludesToday: board.closedIncludesToday,
  columns: board.columns,
  closed: board.closed.map((c) => ({ ...c, ids: [] })),
});

const centsOf = (card: BoardCard, currency: string) => (card.currency === currency ? Math.round(card.amount * 100) : 0);

function adjust(col: ColumnState, card: BoardCard, currency: string, sign: 1 | -1): ColumnState {
  const cents = centsOf(card, currency);
  return {
    ...col,
    count: col.count + sign,
    amountCents: col.amountCents + sign * cents,
    weightedCents: col.weightedCents + sign * Math.round((cents * col.probability) / 100),
  };
}

function withoutCard(state: BoardState, id: string): BoardState {
  return {
    ...state,
    columns: state.columns.map((col) => {
      const old = col.cards.find((c) => c.id === id);
      return old ? { ...adjust(col, old, state.currency, -1), cards: col.cards.filter((c) => c.id !== id) } : col;
    }),
  };
}

function insertCard(col: ColumnState, card: ShownCard): ShownCard[] {
  const last = col.cards.at(-1);
  // A card that sorts after the loaded page waits for its page: inserting it now would skip cards.
  if (col.nextCursor && last && compareCards(card, last) > 0) return col.cards;
  return [...col.cards, card].sort(compareCards);
}

function place(state: BoardState, card: ShownCard): BoardState {
  const next = withoutCard(state, card.id);
  if (card.status === "open")
    return {
      ...next,
      columns: next.columns.map((col) => (col.key === card.stage ? { ...adjust(col, card, state.currency, 1), cards: insertCard(col, card) } : col)),
    };
  return {
    ...next,
    closed: next.closed.map((c) =>
      c.kind === card.status && !c.ids.includes(card.id) && state.closedIncludesToday
        ? { ...c, count: c.count + 1, amountCents: c.amountCents + centsOf(card, state.currency), ids: [...c.ids, card.id] }
        : c,
    ),
  };
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case "place":
      return place(state, action.card);
    case "remove":
      return withoutCard(state, action.id);
    case "page":
      return {
        ...state,
        columns: state.columns.map((col) => {
          if (col.key !== action.stage) return col;
          const known = new Set(col.cards.map((c) => c.id));
          return { ...col, cards: [...col.cards, ...action.cards.filter((c) => !known.has(c.id))], nextCursor: action.nextCursor };
        }),
      };
    default: {
      const never: never = action;
      throw new Error(`Unknown action ${JSON.stringify(never)}`);
    }
  }
}

/** The card a move to `stage` of `kind` will leave behind, shown at once while the server decides. */
export function projectMove(card: BoardCard, stage: string, kind: "open" | "won" | "lost"): ShownCard {
  return { ...card, stage, status: kind, pending: true };
}
