// The stages each deal has entered, kept on the deal (`Opportunity.reachedStages`) by a trigger on
// HistoryEntry in the transaction that writes the entry (prisma/migrations/20261216000000_reached_stages,
// docs/decisions/008-reached-stages-summary.md). The dashboard's stage conversion reads it instead of
// joining every closed deal with its history. This is the same summary built from the history alone:
// the migration's backfill, and the check that the kept one has not drifted.
import { sql } from "kysely";
import type { Sql } from "../db";

/** Each deal's reached stages from its history, in the order first entered (as the trigger appends them). */
const fromHistory = sql`SELECT o."id", COALESCE(r."stages", ARRAY[]::text[]) AS "stages"
  FROM "Opportunity" o LEFT JOIN (
    SELECT "opportunityId", array_agg("toStage" ORDER BY "first") AS "stages"
    FROM (
      SELECT "opportunityId", "toStage", min("id") AS "first" FROM "HistoryEntry"
      WHERE "type" IN ('created', 'stage_changed', 'reopened', 'imported') AND "toStage" IS NOT NULL
      GROUP BY 1, 2
    ) s GROUP BY 1
  ) r ON r."opportunityId" = o."id"`;

/** Rewrites every deal's summary from its history; answers how many deals it changed. */
export async function rebuildReachedStages(q: Sql): Promise<number> {
  const result = await sql`UPDATE "Opportunity" o SET "reachedStages" = h."stages"
    FROM (${fromHistory}) h WHERE h."id" = o."id" AND o."reachedStages" IS DISTINCT FROM h."stages"`.execute(q);
  return Number(result.numAffectedRows ?? 0);
}

/** The deals whose kept summary differs from their history's (none, unless something wrote around the trigger). */
export async function reachedStagesDrift(q: Sql): Promise<{ id: string; kept: string[]; fromHistory: string[] }[]> {
  const { rows } = await sql<{ id: string; kept: string[]; stages: string[] }>`SELECT o."id", o."reachedStages" AS kept, h."stages"
    FROM "Opportunity" o JOIN (${fromHistory}) h ON h."id" = o."id" WHERE o."reachedStages" IS DISTINCT FROM h."stages"
    ORDER BY o."id"`.execute(q);
  return rows.map((r) => ({ id: r.id, kept: r.kept, fromHistory: r.stages }));
}
