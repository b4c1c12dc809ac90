import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { visibleOpportunitiesSql } from "../../auth/authorize";
import type { ListOpportunitiesQuery, OpportunityResponse } from "../../schemas/opportunities";
import { database } from "../db";
import { decodeCursor, pageOf } from "../list-cursor";
import { getProcessVersion } from "../process/get-process-version";
import { loadOpportunities } from "./load-opportunity";
import { toOpportunityResponse } from "./opportunity-response";

export async function listOpportunities(
  actor: Actor,
  query: ListOpportunitiesQuery,
  now = new Date(),
): Promise<{ items: OpportunityResponse[]; nextCursor: string | null }> {
  const filters: RawBuilder<unknown>[] = [visibleOpportunitiesSql(actor)];
  if (query.stage) filters.push(sql`o."stageKey" = ${query.stage}`);
  if (query.ownerId) filters.push(sql`o."ownerId" = ${query.ownerId}`);
  if (query.status) filters.push(sql`o."status" = ${query.status}::"OpportunityStatus"`);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    filters.push(sql`(o."createdAt", o."id") < (${at}, ${id})`);
  }
  const q = database().sql;
  const rows = await loadOpportunities(q, sql<boolean>`${sql.join(filters, sql` AND `)}`, (b) =>
    b
      .orderBy("o.createdAt", "desc")
      .orderBy("o.id", "desc")
      .limit(query.limit + 1),
  );
  const { page, nextCursor } = pageOf(rows, query.limit, ({ row }) => row);
  const items = [];
  for (const { row, rules } of page) items.push(toOpportunityResponse(row, await getProcessVersion(q, row.processVersionId), rules, now));
  return { items, nextCursor };
}
