// Drag and drop on the board: which target the pointer or the keyboard is over, and what a screen
// reader hears. Arrow keys jump from stage to stage (Right and Down forward, Left and Up back),
// ending on Closed Won and Closed Lost.
import {
  closestCenter,
  KeyboardCode,
  pointerWithin,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";

/** The pointer decides when there is one; the keyboard places the card on a target's centre. */
export const boardCollisions: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const within = pointerWithin(args);
    if (within.length) return within;
  }
  return closestCenter(args);
};

const FORWARD: string[] = [KeyboardCode.Right, KeyboardCode.Down];
const BACK: string[] = [KeyboardCode.Left, KeyboardCode.Up];

/** Moves the dragged card onto the centre of the next or previous drop target in `order()`. */
export function stageKeyboardCoordinates(order: () => string[]): KeyboardCoordinateGetter {
  return (event, { context }) => {
    const step = FORWARD.includes(event.code) ? 1 : BACK.includes(event.code) ? -1 : 0;
    if (!step) return undefined;
    event.preventDefault();
    const targets = order();
    const current = context.over?.id ?? context.active?.data.current?.stage;
    const index = targets.indexOf(String(current));
    const next = targets[Math.min(targets.length - 1, Math.max(0, index + step))];
    // Rects are measured as the drag starts; a key pressed at once may come before them.
    const rect = next
      ? (context.droppableRects.get(next) ?? context.droppableContainers.get(next)?.node.current?.getBoundingClientRect())
      : undefined;
    const dragged = context.collisionRect;
    if (!rect || !dragged) return undefined;
    return {
      x: rect.left + rect.width / 2 - dragged.width / 2,
      y: rect.top + Math.min(rect.height / 2, 160) - dragged.height / 2,
    };
  };
}

type DealLabel = { title: string; stageName: string };

/**
 * Announcements in the product's words: "Picked up Acme – Platform rollout in Qualify", "Moved over
 * Propose", "Dropped in Propose". The stage the card starts over is not announced again on pick-up.
 */
export function boardAnnouncements(deal: (id: string) => DealLabel | null, stageName: (key: string) => string): Announcements {
  const title = (id: string | number) => deal(String(id))?.title ?? "the deal";
  const home = (id: string | number) => deal(String(id))?.stageName ?? "its stage";
  let lastOver: string | null = null;
  return {
    onDragStart: ({ active }) => {
      lastOver = String(active.data.current?.stage ?? "");
      return `Picked up ${title(active.id)} in ${home(active.id)}.`;
    },
    onDragOver: ({ over }) => {
      const key = over ? String(over.id) : null;
      if (key === lastOver) return undefined;
      lastOver = key;
      return key ? `Moved over ${stageName(key)}.` : "Not over a stage.";
    },
    onDragEnd: ({ active, over }) =>
      over ? `Dropped in ${stageName(String(over.id))}.` : `Dropped outside the stages. ${title(active.id)} stays where it was.`,
    onDragCancel: ({ active }) => `Move cancelled. ${title(active.id)} stays in ${home(active.id)}.`,
  };
}
