// Moving the open deals of a process's older versions onto its latest version
// (docs/rules/sales-process.md#moving-open-deals-onto-the-latest-version). A deal stays in its stage
// (by key); it is moved only when that stage exists in the latest version and the deal meets every
// criterion of the stages before it there: otherwise it would sit past criteria it never met, and
// it stays on its version, listed with the reason. Each move goes through the write path.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { type Unmet, unmetCriteria } from "../../domain/criteria/unmet-criteria";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import type { DealMovesQuery, DealMovesReport, MoveDealsRequest } from "../../schemas/process-drafts";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { changeOpportunity } from "../opportunities/change-opportunity";
import { dealFacts } from "../opportunities/deal-facts";
import { loadOpportunities, type OpportunityRow } from "../opportunities/load-opportunity";
import { getProcessVersion } from "./get-process-version";

/** Deals moved per transaction: a long list is moved in several, each committed on its own. */
export const MOVE_BATCH = 100;

type Verdict = { outcome: "moves" } | { outcome: "stays"; reason: "stage_missing" | "criteria_unmet"; unmet: Unmet[] };

/** Whether a deal in `stageKey` may follow `latest`: its stage is there, and it meets the criteria of every stage before it. */
export function verdictFor(row: OpportunityRow, rules: readonly DealDeskRule[], latest: ProcessVersion): Verdict {
  const stage = latest.stages.find((s) => s.key === row.stageKey);
  if (!stage) return { outcome: "stays", reason: "stage_missing", unmet: [] };
  const unmet = unmetCriteria(
    dealFacts(row, rules),
    latest.stages.filter((s) => s.order < stage.order),
  );
  return unmet.length ? { outcome: "stays", reason: "criteria_unmet", unmet } : { outcome: "moves" };
}

async function latestOf(q: Sql, key: string) {
  const latest = await q
    .selectFrom("ProcessVersion as v")
    .innerJoin("Process as p", "p.id", "v.processId")
    .select(["v.id", "v.version", "p.id as processId"])
    .where("p.key", "=", key)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) throw new AppError("NOT_FOUND", `There is no process ${key}.`);
  return { ...latest, process: await getProcessVersion(q, latest.id) };
}

/** The open deals following an older version of the process (or only `fromVersion`), oldest first. */
function olderDeals(q: Sql, processId: string, latestVersion: number, options: { fromVersion?: number; ids?: readonly string[] }) {
  const versions = q
    .selectFrom("ProcessVersion")
    .select("id")
    .where("processId", "=", processId)
    .where("version", "<", latestVersion)
    .$if(options.fromVersion !== undefined, (b) => b.where("version", "=", options.fromVersion!));
  return loadOpportunities(
    q,
    sql<boolean>`o."status" = 'open' AND o."processVersionId" IN (${versions})${options.ids ? sql` AND o."id" IN (${sql.join(options.ids)})` : sql``}`,
    (query) => query.orderBy("o.createdAt").orderBy("o.id"),
  );
}

const versionNumbers = async (q: Sql, processId: string) =>
  new Map(
    (await q.selectFrom("ProcessVersion").select(["id", "version"]).where("processId", "=", processId).execute()).map(
      (v) => [v.id, v.version] as const,
    ),
  );

/** GET /processes/{key}/deal-moves: each open deal of an older version, and whether it would move. */
export async function previewDealMoves(actor: Actor, key: string, query: DealMovesQuery): Promise<DealMovesReport> {
  assertCan(actor, "process.manage");
  const q = database().sql;
  const latest = await latestOf(q, key);
  const deals = await olderDeals(q, latest.processId, latest.version, { fromVersion: query.fromVersion });
  const numbers = await versionNumbers(q, latest.processId);
  const items = deals.map(({ row, rules }) => ({
    id: row.id,
    name: row.name,
    ownerName: row.owner.name,
    stage: row.stageKey,
    fromVersion: numbers.get(row.processVersionId) ?? 0,
    ...verdictFor(row, rules, latest.process),
  }));
  return report(key, latest.version, items);
}

function report(key: string, toVersion: number, items: DealMovesReport["items"]): DealMovesReport {
  return {
    processKey: key,
    toVersion,
    moves: items.filter((i) => i.outcome === "moves" || i.outcome === "moved").length,
    stays: items.filter((i) => i.outcome === "stays").length,
    items,
  };
}

/**
 * POST /processes/{key}/deal-moves: moves the deals the preview says may move (all of them, those of
 * `fromVersion`, or only `dealIds`), each decided again on the deal as it is when moved, one
 * transaction per batch of MOVE_BATCH deals, each batch audited.
 */
export async function moveDeals(actor: Actor, key: string, input: MoveDealsRequest, options: { batchSize?: number } = {}): Promise<DealMovesReport> {
  const size = options.batchSize ?? MOVE_BATCH;
  assertCan(actor, "process.manage");
  const latest = await latestOf(database().sql, key);
  const candidates = await olderDeals(database().sql, latest.processId, latest.version, { fromVersion: input.fromVersion, ids: input.dealIds });
  const numbers = await versionNumbers(database().sql, latest.processId);
  const items: DealMovesReport["items"] = [];
  for (let i = 0; i < candidates.length; i += size) {
    const batch = candidates.slice(i, i + size).map(({ row }) => row.id);
    items.push(
      ...(await database().transaction(async (tx) => {
        // Locked and read again: what is decided is the deal as it is now.
        await tx.selectFrom("Opportunity").select("id").where("id", "in", batch).orderBy("id").forUpdate().execute();
        const deals = await olderDeals(tx, latest.processId, latest.version, { fromVersion: input.fromVersion, ids: batch });
        const done: DealMovesReport["items"] = [];
        for (const { row } of deals) {
          const fromVersion = numbers.get(row.processVersionId) ?? 0;
          let verdict: Verdict = { outcome: "moves" };
          await changeOpportunity(
            actor,
            { id: row.id, version: row.version },
            (ctx) => {
              verdict = verdictFor(ctx.row, ctx.rules, latest.process);
              if (verdict.outcome === "stays") return null;
              return {
                columns: { processVersionId: latest.id },
                history: [
                  {
                    type: "process_changed",
                    fromStage: ctx.row.stageKey,
                    toStage: ctx.row.stageKey,
                    details: { processKey: key, fromVersion, toVersion: latest.version },
                  },
                ],
              };
            },
            { tx, authorize: () => assertCan(actor, "process.manage"), respond: async () => null },
          );
          const v = verdict as Verdict;
          done.push({
            id: row.id,
            name: row.name,
            ownerName: row.owner.name,
            stage: row.stageKey,
            fromVersion,
            ...(v.outcome === "moves" ? { outcome: "moved" as const } : v),
          });
        }
        const moved = done.filter((d) => d.outcome === "moved");
        if (moved.length > 0)
          await recordAudit(tx, {
            actor: auditActor(actor),
            action: "process.deals_moved",
            object: { type: "process", id: latest.processId },
            before: { key, deals: moved.map((d) => ({ id: d.id, version: d.fromVersion, stage: d.stage })) },
            after: { key, version: latest.version, deals: moved.map((d) => d.id) },
          });
        return done;
      })),
    );
  }
  return report(key, latest.version, items);
}
