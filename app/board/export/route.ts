// The board as filtered (its filters from the query string, as on /board), as a Stageline CSV that
// the import reads back: every matching open deal, not only the cards loaded on the page.
import { currentActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { boardCsvChunks } from "@/src/server/exports/board-export";
import { csvDownload, datedFileName } from "@/src/server/exports/stageline-csv";
import { csvAnswer } from "../../dashboard/csv-answer";

export async function GET(req: Request): Promise<Response> {
  return csvAnswer(async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to download the board.");
    const filters = parseBoardFilters(Object.fromEntries(new URL(req.url).searchParams));
    const now = new Date();
    return csvDownload(await boardCsvChunks(actor, filters, now), datedFileName("board", now));
  });
}
