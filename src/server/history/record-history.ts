import type { HistoryType } from "../../generated/kysely/types";
import { compiledOnce, compiledPerShape } from "../compiled-once";
import { database, type Sql } from "../db";

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

/** A row as written: `details` already serialized, so the statement sends it as one value. */
type HistoryRow = Omit<HistoryInput, "details"> & { details: string };

/** The statement (exported for the benchmark). */
export const historyInsert = (q: Sql, list: HistoryRow[]) =>
  q.insertInto("HistoryEntry").values(
    list.map((e) => ({
      opportunityId: e.opportunityId,
      type: e.type,
      actorId: e.actorId,
      at: e.at ?? new Date(),
      fromStage: e.fromStage ?? null,
      toStage: e.toStage ?? null,
      secondsInStage: e.secondsInStage ?? null,
      details: e.details,
    })),
  );

/**
 * Appends to a deal's history, in one statement. Always called inside the transaction of the change
 * it records. History is append-only: nothing updates or deletes these rows.
 */
export async function recordHistory(q: Sql, entries: HistoryInput | HistoryInput[]): Promise<void> {
  const list = [entries].flat();
  if (list.length === 0) return;
  const values = Object.fromEntries(
    list.flatMap((e, i) => [
      ...FIELDS.map((f) => [`${f}${i}`, e[f] ?? null] as const),
      [`at${i}`, e.at ?? new Date()] as const,
      [`details${i}`, JSON.stringify(e.details ?? {})] as const,
    ]),
  );
  await q.executeQuery(insertStatement(list.length, values));
}

const FIELDS = ["opportunityId", "type", "actorId", "fromStage", "toStage", "secondsInStage"] as const;

// One compiled statement per number of entries (a change records one or two).
const insertStatement = compiledPerShape(
  8,
  (count: number) => {
    const names = Array.from({ length: count }, (_, i) => [...FIELDS, "at", "details"].map((f) => `${f}${i}`)).flat();
    return compiledOnce(names, (v: Record<string, never>) =>
      historyInsert(
        database().sql,
        Array.from({ length: count }, (_, i) => ({
          opportunityId: v[`opportunityId${i}`]!,
          type: v[`type${i}`]!,
          actorId: v[`actorId${i}`]!,
          at: v[`at${i}`],
          fromStage: v[`fromStage${i}`],
          toStage: v[`toStage${i}`],
          secondsInStage: v[`secondsInStage${i}`],
          details: v[`details${i}`],
        })),
      ),
    );
  },
  String,
);
