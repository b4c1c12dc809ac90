import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { ListOpportunitiesQuery, OpportunityResponse } from "../../schemas/opportunities";
import { db } from "../db";
import { loadDealDeskRules } from "../deal-desk/load-rules";
import { getProcessVersion } from "../process/get-process-version";
import { toOpportunityResponse } from "./opportunity-response";
import { opportunityInclude } from "./opportunity-row";

// The cursor is the sort key of the last item: (createdAt, id), newest first. Stable under inserts.
const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  const year = at.getUTCFullYear();
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || Number.isNaN(at.getTime()) || year < 1900 || year > 9999)
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", { fields: [{ field: "query.cursor", message: "not a cursor from this API" }] });
  return { at, id };
}

export async function listOpportunities(
  actor: Actor,
  query: ListOpportunitiesQuery,
  now = new Date(),
): Promise<{ items: OpportunityResponse[]; nextCursor: string | null }> {
  const filters: Prisma.OpportunityWhereInput[] = [visibleOpportunities(actor)];
  if (query.stage) filters.push({ stageKey: query.stage });
  if (query.ownerId) filters.push({ ownerId: query.ownerId });
  if (query.status) filters.push({ status: query.status });
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    filters.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] });
  }
  const rows = await db().opportunity.findMany({
    where: { AND: filters },
    include: opportunityInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const rules = await loadDealDeskRules(db());
  const items = [];
  for (const row of page) items.push(toOpportunityResponse(row, await getProcessVersion(db(), row.processVersionId), rules, now));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
