// Pages of cards within a column, soonest close date first. A page is cut with a keyset cursor
// (close date, id), so moves and inserts elsewhere never shift it. Two queries for any number of
// columns' pages: the ids of each page (cheap, index-ordered), then every card with the relations
// its exit criteria need (the deal row's one statement, no query per card).
import type { Actor } from "../../auth/actor";
import { sql } from "kysely";
import { visibleOpportunitiesSql } from "../../auth/authorize";
import { fromCalendarDate, isCalendarDate, toCalendarDate } from "../../domain/dates";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { database, type Reader } from "../db";
import { loadOpportunities } from "../opportunities/load-opportunity";
import { toOpportunityResponse } from "../opportunities/opportunity-response";
import { getProcessVersion } from "../process/get-process-version";
import { toBoardCard, type BoardCard } from "./board-card";

export const PAGE_SIZE = 25;

export type CardPage = { cards: BoardCard[]; nextCursor: string | null };

const encodeCursor = (closeDate: Date, id: string) => Buffer.from(`${toCalendarDate(closeDate)}|${id}`).toString("base64url");

function afterCursor(cursor: string): Prisma.OpportunityWhereInput {
  const [day = "", id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // A cursor comes back from the browser: a date PostgreSQL has no value for (year 0) or a NUL in
  // the id would fail the query itself, so both are refused here as an invalid cursor.
  if (!id || id.length > 64 || id.includes("\u0000") || !isCalendarDate(day))
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", { fields: [{ field: "cursor", message: "not a cursor from the board" }] });
  const date = fromCalendarDate(day);
  return { OR: [{ closeDate: { gt: date } }, { closeDate: date, id: { gt: id } }] };
}

type PageRequest = { stageKey: string; cursor?: string | null };

/** One page per requested column, for deals matching `where` (which includes the actor's visibility). */
export async function loadCardPages(
  tx: Reader,
  actor: Actor,
  where: Prisma.OpportunityWhereInput,
  requests: PageRequest[],
  now: Date,
): Promise<CardPage[]> {
  const heads = await Promise.all(
    requests.map((r) =>
      tx.opportunity.findMany({
        where: { AND: [where, { stageKey: r.stageKey }, ...(r.cursor ? [afterCursor(r.cursor)] : [])] },
        orderBy: [{ closeDate: "asc" }, { id: "asc" }],
        take: PAGE_SIZE + 1,
        select: { id: true, closeDate: true },
      }),
    ),
  );
  const ids = heads.flatMap((h) => h.slice(0, PAGE_SIZE).map((r) => r.id));
  const q = database().sql;
  const loaded = ids.length ? await loadOpportunities(q, sql<boolean>`o."id" IN (${sql.join(ids)}) AND ${visibleOpportunitiesSql(actor)}`) : [];
  const cards = new Map<string, BoardCard>();
  for (const { row, rules } of loaded) {
    const process = await getProcessVersion(q, row.processVersionId); // cached: one read per version
    cards.set(row.id, toBoardCard(toOpportunityResponse(row, process, rules, now)));
  }
  return heads.map((head) => {
    const page = head.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    return {
      cards: page.map((r) => cards.get(r.id)).filter((c): c is BoardCard => !!c),
      nextCursor: head.length > PAGE_SIZE && last ? encodeCursor(last.closeDate, last.id) : null,
    };
  });
}
