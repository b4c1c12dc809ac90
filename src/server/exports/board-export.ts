// The board as filtered, for its "Download CSV" link: every open deal the board's filters match
// (not only the cards loaded on the page), inside what the actor may see, as a Stageline CSV.
import type { Actor } from "../../auth/actor";
import { database, db } from "../db";
import type { BoardFilters } from "../board/board-filters";
import { loadStallLimits, loadVersionIds, openDealsWhere } from "../board/board-where";
import { getLatestProcessVersion } from "../process/get-process-version";
import { stagelineCsvChunks } from "./stageline-csv";

export async function boardCsvChunks(actor: Actor, filters: BoardFilters, now = new Date()): Promise<AsyncIterable<string>> {
  // The same process, versions and stall limits as getBoard, so the file holds the board's deals.
  const process = await getLatestProcessVersion(database().sql, filters.process);
  const [versionIds, limits] = await Promise.all([loadVersionIds(db(), process.processId), loadStallLimits(db(), process.processId)]);
  return stagelineCsvChunks(openDealsWhere(actor, filters, versionIds, limits, now));
}
