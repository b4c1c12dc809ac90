import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import { AppError } from "../../errors";
import type { OpportunityResponse } from "../../schemas/opportunities";
import { database, type Sql } from "../db";
import { getProcessVersion } from "../process/get-process-version";
import { loadOpportunity, loadVisibleOpportunity, type LoadedOpportunity, type OpportunityRow } from "./load-opportunity";
import { toOpportunityResponse } from "./opportunity-response";

/** A deal the actor may see, with the deal desk rules, or NOT_FOUND: a deal out of reach is indistinguishable from none. */
export async function getVisibleOpportunity(q: Sql, actor: Actor, id: string): Promise<LoadedOpportunity> {
  const loaded = await loadVisibleOpportunity(q, actor, id);
  if (!loaded) throw new AppError("NOT_FOUND", "Opportunity not found.");
  return loaded;
}

export async function respondWith(q: Sql, row: OpportunityRow, rules: readonly DealDeskRule[], now = new Date()): Promise<OpportunityResponse> {
  return toOpportunityResponse(row, await getProcessVersion(q, row.processVersionId), rules, now);
}

/** Re-reads a deal after a write, inside the same transaction. */
export async function reloadOpportunity(q: Sql, id: string, now = new Date()): Promise<OpportunityResponse> {
  const loaded = await loadOpportunity(q, sql<boolean>`o."id" = ${id}`);
  if (!loaded) throw new AppError("NOT_FOUND", "Opportunity not found.");
  return respondWith(q, loaded.row, loaded.rules, now);
}

/** The deal as the actor may see it; `q` is the caller's transaction when there is one. */
export async function getOpportunity(actor: Actor, id: string, q: Sql = database().sql): Promise<OpportunityResponse> {
  const { row, rules } = await getVisibleOpportunity(q, actor, id);
  return respondWith(q, row, rules);
}
