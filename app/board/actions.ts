"use server";

// The board's own read: the next page of a column. Its writes are the deal's actions, shared with
// the deal page (app/opportunities/_actions).
import { z } from "zod";
import { runAction } from "@/src/http/action-result";
import { BoardFilters } from "@/src/server/board/board-filters";
import { getColumnPage } from "@/src/server/board/get-board";

const PageInput = z.object({ stage: z.string().min(1).max(64), cursor: z.string().min(1).max(200), filters: z.record(z.string(), z.string()) });

export async function loadMoreCards(input: unknown) {
  return runAction(PageInput, input, (actor, { stage, cursor, filters }) => getColumnPage(actor, BoardFilters.parse(filters), stage, cursor));
}
