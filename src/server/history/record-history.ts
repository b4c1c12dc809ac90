import type { HistoryType } from "../../generated/kysely/types";
import type { Sql } from "../db";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

export type HistoryInput = {
  opportunityId: string;
  type: HistoryType;
  actorId: string | null;
  at?: Date;
  fromStage?: string;
  toStage?: string;
  secondsInStage?: number;
  details?: { [key: string]: Json | undefined };
};

/** The statement (exported for the benchmark). */
export const historyInsert = (q: Sql, list: HistoryInput[]) =>
  q.insertInto("HistoryEntry").values(
    list.map((e) => ({
      opportunityId: e.opportunityId,
      type: e.type,
      actorId: e.actorId,
      at: e.at ?? new Date(),
      fromStage: e.fromStage ?? null,
      toStage: e.toStage ?? null,
      secondsInStage: e.secondsInStage ?? null,
      details: JSON.stringify(e.details ?? {}),
    })),
  );

/**
 * Appends to a deal's history, in one statement. Always called inside the transaction of the change
 * it records. History is append-only: nothing updates or deletes these rows.
 */
export async function recordHistory(q: Sql, entries: HistoryInput | HistoryInput[]): Promise<void> {
  const list = [entries].flat();
  if (list.length > 0) await historyInsert(q, list).execute();
}
