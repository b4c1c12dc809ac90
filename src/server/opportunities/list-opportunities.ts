import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { visibleOpportunitiesSql } from "../../auth/authorize";
import { AppError } from "../../errors";
import type { ListOpportunitiesQuery, OpportunityResponse } from "../../schemas/opportunities";
import { database } from "../db";
import { getProcessVersion } from "../process/get-process-version";
import { loadOpportunities } from "./load-opportunity";
import { toOpportunityResponse } from "./opportunity-response";

// The cursor is the sort key of the last item: (createdAt, id), newest first. Stable under inserts.
const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  const year = at.getUTCFullYear();
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || Number.isNaN(at.getTime()) || year < 1900 || year > 9999)
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      fields: [{ field: "query.cursor", message: "not a cursor from this API" }],
    });
  return { at, id };
}

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
  const page = rows.slice(0, query.limit);
  const items = [];
  for (const { row, rules } of page) items.push(toOpportunityResponse(row, await getProcessVersion(q, row.processVersionId), rules, now));
  const last = page.at(-1)?.row;
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
