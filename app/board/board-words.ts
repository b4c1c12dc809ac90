// What a screen reader hears about moving a card, with or without dnd-kit loaded (board-parts.ts).

/** dnd-kit's id for the instructions (DndContext's `id`), and the board's own before it loads. */
export const SCREEN_READER_INSTRUCTIONS_ID = "board-dnd";

export const SCREEN_READER_INSTRUCTIONS =
  "To move a deal, press Space or Enter on its move handle. Use the arrow keys to go from stage to stage, " +
  "Space or Enter to drop it there, and Escape to cancel.";
