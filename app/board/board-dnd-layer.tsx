"use client";

// Drag and drop on the board (dnd-kit), loaded the first time the rep reaches for a card
// (board-view.tsx): until then the board is drawn with the same markup and no dnd-kit.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { type ReactNode, useMemo } from "react";
import { boardAnnouncements, boardCollisions, stageKeyboardCoordinates } from "./board-dnd";
import { BoardColumn, type BoardColumnProps } from "./board-column";
import type { ShownCard } from "./board-state";
import { SCREEN_READER_INSTRUCTIONS, SCREEN_READER_INSTRUCTIONS_ID } from "./board-words";
import { ClosedTarget, type ClosedTargetProps } from "./closed-targets";
import { DealCard } from "./deal-card";

export { DraggableCard } from "./draggable-card";

export function DroppableColumn(props: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: props.column.key });
  return <BoardColumn {...props} dropRef={setNodeRef} isOver={isOver} />;
}

export function DroppableClosedTarget(props: ClosedTargetProps) {
  const { setNodeRef, isOver } = useDroppable({ id: props.target.key });
  return <ClosedTarget {...props} dropRef={setNodeRef} isOver={isOver} />;
}

type Props = {
  children: ReactNode;
  /** Drop targets in arrow-key order: the open stages, then Closed Won and Closed Lost. */
  order: () => string[];
  /** The card of an id and its stage's name, as the board shows them now (for announcements). */
  describe: (id: string) => { title: string; stageName: string } | null;
  stageName: (key: string) => string;
  active: ShownCard | undefined;
  today: string;
  onDragStart: (id: string) => void;
  onDragCancel: () => void;
  onDragEnd: (event: DragEndEvent) => void;
};

/** The board's drag and drop: sensors (mouse, long press, keyboard), announcements, and the dragged card's copy. */
export function BoardDnd({ children, order, describe, stageName, active, today, onDragStart, onDragCancel, onDragEnd }: Props) {
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stageKeyboardCoordinates(order) }),
  );
  const announcements = useMemo(() => boardAnnouncements(describe, stageName), [describe, stageName]);
  return (
    <DndContext
      id={SCREEN_READER_INSTRUCTIONS_ID}
      sensors={sensors}
      collisionDetection={boardCollisions}
      accessibility={{ announcements, screenReaderInstructions: { draggable: SCREEN_READER_INSTRUCTIONS } }}
      onDragStart={({ active: a }) => onDragStart(String(a.id))}
      onDragCancel={onDragCancel}
      onDragEnd={onDragEnd}
    >
      {children}
      <DragOverlay dropAnimation={null}>{active ? <DealCard card={active} today={today} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}
