"use client";

// The draft's stages in order, reordered by dragging a stage's handle with a mouse or a finger, or
// from the keyboard as on the board (dnd-kit): focus the handle, Space or Enter picks the stage up,
// the arrow keys move it up or down the list, Space or Enter drops it there, Escape cancels; a screen
// reader hears each step. Choosing a stage opens its form.
import {
  type Announcements,
  closestCenter,
  DndContext,
  DragOverlay,
  type KeyboardCoordinateGetter,
  KeyboardCode,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useMemo, useRef, useState } from "react";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { GripIcon, PlusIcon } from "@/src/ui/icons";
import { useFieldProblem } from "./editor-fields";
import { type EditorStage, STAGE_KIND_LABELS } from "./editor-model";

export const STAGE_ORDER_INSTRUCTIONS =
  "To reorder a stage, press Space or Enter on its handle. Use the up and down arrow keys to move it along the list, " +
  "Space or Enter to drop it there, and Escape to cancel.";

type Props = {
  stages: EditorStage[];
  selectedId: string | null;
  problemCounts: Map<number, number>;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onAdd: () => void;
};

const stageName = (s: EditorStage | undefined) => (s?.name.trim() ? s.name.trim() : "the unnamed stage");

/** Moves the dragged stage onto the centre of the next or previous row. */
function rowKeyboardCoordinates(order: () => string[]): KeyboardCoordinateGetter {
  return (event, { context }) => {
    const step = [KeyboardCode.Down, KeyboardCode.Right].includes(event.code as KeyboardCode)
      ? 1
      : [KeyboardCode.Up, KeyboardCode.Left].includes(event.code as KeyboardCode)
        ? -1
        : 0;
    if (!step) return undefined;
    event.preventDefault();
    const ids = order();
    const index = ids.indexOf(String(context.over?.id ?? context.active?.id));
    const next = ids[Math.min(ids.length - 1, Math.max(0, index + step))];
    const rect = next
      ? (context.droppableRects.get(next) ?? context.droppableContainers.get(next)?.node.current?.getBoundingClientRect())
      : undefined;
    const dragged = context.collisionRect;
    if (!rect || !dragged) return undefined;
    return { x: rect.left + rect.width / 2 - dragged.width / 2, y: rect.top + rect.height / 2 - dragged.height / 2 };
  };
}

export function StageList({ stages, selectedId, problemCounts, onSelect, onMove, onAdd }: Props) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const latest = useRef(stages);
  latest.current = stages;
  const listProblem = useFieldProblem("stages");
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: rowKeyboardCoordinates(() => latest.current.map((s) => s._id)) }),
  );
  const announcements = useMemo<Announcements>(() => {
    const at = (id: string | number) => latest.current.findIndex((s) => s._id === String(id));
    const of = (id: string | number) => stageName(latest.current[at(id)]);
    const n = () => latest.current.length;
    let lastOver: string | null = null;
    return {
      onDragStart: ({ active }) => {
        lastOver = String(active.id);
        return `Picked up ${of(active.id)}, stage ${at(active.id) + 1} of ${n()}.`;
      },
      onDragOver: ({ active, over }) => {
        const id = over ? String(over.id) : null;
        if (id === lastOver) return undefined;
        lastOver = id;
        return id ? `${of(active.id)} moves to position ${at(id) + 1} of ${n()}, where ${of(id)} is.` : "Not over the list.";
      },
      onDragEnd: ({ active, over }) =>
        over
          ? `Dropped ${of(active.id)} at position ${at(over.id) + 1} of ${n()}.`
          : `Dropped outside the list. ${of(active.id)} stays at position ${at(active.id) + 1}.`,
      onDragCancel: ({ active }) => `Move cancelled. ${of(active.id)} stays at position ${at(active.id) + 1} of ${n()}.`,
    };
  }, []);
  const active = stages.find((s) => s._id === activeId);

  return (
    <section aria-labelledby="stages-heading" className="min-w-0 space-y-3 lg:sticky lg:top-20 lg:self-start">
      <div className="flex items-center justify-between gap-2">
        <h2 id="stages-heading" className="text-[15px] font-semibold text-ink">
          Stages
        </h2>
        <Button size="sm" variant="secondary" onClick={onAdd}>
          <PlusIcon className="size-3.5" />
          Add stage
        </Button>
      </div>
      {listProblem.error ? (
        <p id={listProblem.id} tabIndex={-1} className="rounded-lg bg-red-50 px-3 py-2 text-[13px] text-red-700">
          {listProblem.error}
        </p>
      ) : null}
      {stages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line-strong px-3 py-4 text-[13px] text-ink-muted">
          No stages yet. A process needs open stages, then one won and one lost stage: add the first one.
        </p>
      ) : (
        <DndContext
          id="stage-order"
          sensors={sensors}
          collisionDetection={closestCenter}
          accessibility={{ announcements, screenReaderInstructions: { draggable: STAGE_ORDER_INSTRUCTIONS } }}
          onDragStart={({ active: a }) => setActiveId(String(a.id))}
          onDragCancel={() => setActiveId(null)}
          onDragEnd={({ active: a, over }) => {
            setActiveId(null);
            if (!over) return;
            const from = latest.current.findIndex((s) => s._id === String(a.id));
            const to = latest.current.findIndex((s) => s._id === String(over.id));
            if (from >= 0 && to >= 0 && from !== to) onMove(from, to);
          }}
        >
          <ol className="space-y-1.5" aria-label="Stages in order">
            {stages.map((stage, i) => (
              <StageRow
                key={stage._id}
                stage={stage}
                index={i}
                selected={stage._id === selectedId}
                problems={problemCounts.get(i) ?? 0}
                onSelect={() => onSelect(stage._id)}
              />
            ))}
          </ol>
          <DragOverlay dropAnimation={null}>{active ? <RowBody stage={active} index={stages.indexOf(active)} overlay /> : null}</DragOverlay>
        </DndContext>
      )}
    </section>
  );
}

function StageRow({
  stage,
  index,
  selected,
  problems,
  onSelect,
}: {
  stage: EditorStage;
  index: number;
  selected: boolean;
  problems: number;
  onSelect: () => void;
}) {
  const drag = useDraggable({ id: stage._id, attributes: { roleDescription: "movable stage" } });
  const drop = useDroppable({ id: stage._id });
  const ref = (node: HTMLLIElement | null) => {
    drag.setNodeRef(node);
    drop.setNodeRef(node);
  };
  return (
    <li
      ref={ref}
      data-stage-row={stage.key}
      className={cx("flex items-stretch gap-1", drag.isDragging && "opacity-40", drop.isOver && !drag.isDragging && "rounded-lg ring-2 ring-accent")}
    >
      <button
        type="button"
        ref={drag.setActivatorNodeRef}
        {...drag.attributes}
        {...drag.listeners}
        aria-label={`Reorder ${stageName(stage)}`}
        className="flex w-7 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-ink-subtle hover:bg-zinc-100 hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
      >
        <GripIcon />
      </button>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        className={cx(
          "min-w-0 flex-1 rounded-lg border px-3 py-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
          selected ? "border-accent bg-accent-soft" : "border-line bg-surface hover:bg-zinc-50",
        )}
      >
        <RowText stage={stage} index={index} problems={problems} />
      </button>
    </li>
  );
}

function RowText({ stage, index, problems }: { stage: EditorStage; index: number; problems: number }) {
  return (
    <>
      <span className="block truncate text-sm font-medium text-ink">
        {index + 1}. {stage.name.trim() || <span className="text-ink-muted italic">Unnamed stage</span>}
      </span>
      <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-ink-muted">
        {STAGE_KIND_LABELS[stage.kind] ?? stage.kind} · {Number.isFinite(stage.probability) ? stage.probability : "?"}%
        {problems ? (
          <Badge tone="danger">
            {problems} problem{problems === 1 ? "" : "s"}
          </Badge>
        ) : null}
      </span>
    </>
  );
}

function RowBody({ stage, index, overlay }: { stage: EditorStage; index: number; overlay?: boolean }) {
  return (
    <div className={cx("ml-8 rounded-lg border border-accent bg-surface px-3 py-2", overlay && "shadow-lg")}>
      <RowText stage={stage} index={index} problems={0} />
    </div>
  );
}
