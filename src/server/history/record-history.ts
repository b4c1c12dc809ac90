import { Prisma } from "../../generated/prisma/client";
import type { HistoryType } from "../../generated/prisma/enums";
import { sqlOn, type Queryable } from "../db";

export type HistoryInput = {
  opportunityId: string;
  type: HistoryType;
  actorId: string | null;
  at?: Date;
  fromStage?: string;
  toStage?: string;
  secondsInStage?: number;
  details?: Prisma.InputJsonObject;
};

/**
 * Appends to a deal's history, in one statement. Always called inside the transaction of the change
 * it records. History is append-only: nothing updates or deletes these rows.
 */
export async function recordHistory(tx: Queryable, entries: HistoryInput | HistoryInput[]): Promise<void> {
  const list = [entries].flat();
  if (list.length > 0) await sqlOn(tx).execute(historyInsert(list));
}

/** The statement (exported for the benchmark). */
export function historyInsert(list: HistoryInput[]): Prisma.Sql {
  const rows = list.map(
    (e) => Prisma.sql`(${e.opportunityId}, CAST(${e.type} AS "HistoryType"), ${e.actorId}, ${e.at ?? new Date()}, ${e.fromStage ?? null},
      ${e.toStage ?? null}, ${e.secondsInStage ?? null}, CAST(${JSON.stringify(e.details ?? {})} AS jsonb))`,
  );
  return Prisma.sql`INSERT INTO "HistoryEntry" ("opportunityId", "type", "actorId", "at", "fromStage", "toStage", "secondsInStage", "details")
    VALUES ${Prisma.join(rows, ", ")}`;
}
