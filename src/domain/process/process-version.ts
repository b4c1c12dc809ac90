import type { QualificationQuestion, StageDefinition } from "./types";

/** A published stage: its definition plus its position in the process, and its questions (none: empty). */
export type Stage = StageDefinition & { order: number; questions: QualificationQuestion[] };

/** One published, immutable version of a process, as the engine sees it. */
export type ProcessVersion = {
  id: string;
  processId: string;
  processKey: string;
  name: string;
  version: number;
  stages: Stage[];
};

export function findStage(process: ProcessVersion, key: string): Stage | undefined {
  return process.stages.find((s) => s.key === key);
}

export const openStages = (process: ProcessVersion) => process.stages.filter((s) => s.kind === "open");

/** Every qualification question of the process, in stage order (keys are unique in the whole process). */
export const processQuestions = (process: Pick<ProcessVersion, "stages">) => process.stages.flatMap((s) => s.questions);
