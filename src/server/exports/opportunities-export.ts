// GET /api/v1/opportunities with Accept: text/csv: the same filters and visibility as the JSON list,
// every page of it, newest first, as a Stageline CSV.
import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import type { Prisma } from "../../generated/prisma/client";
import type { ListOpportunitiesQuery } from "../../schemas/opportunities";
import { stagelineCsvChunks } from "./stageline-csv";

export function opportunitiesCsvChunks(actor: Actor, query: Omit<ListOpportunitiesQuery, "cursor" | "limit">): AsyncIterable<string> {
  const where: Prisma.OpportunityWhereInput[] = [visibleOpportunities(actor)];
  if (query.stage) where.push({ stageKey: query.stage });
  if (query.ownerId) where.push({ ownerId: query.ownerId });
  if (query.status) where.push({ status: query.status });
  return stagelineCsvChunks({ AND: where });
}
