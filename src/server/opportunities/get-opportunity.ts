import { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../../auth/actor";
import { visibleOpportunitiesSql } from "../../auth/authorize";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import { AppError } from "../../errors";
import type { OpportunityResponse } from "../../schemas/opportunities";
import { db, type Queryable, type Tx } from "../db";
import { loadDealDeskRules } from "../deal-desk/load-rules";
import { getProcessVersion } from "../process/get-process-version";
import { loadOpportunity, type LoadedOpportunity } from "./load-opportunity";
import { toOpportunityResponse } from "./opportunity-response";
import type { OpportunityRow } from "./opportunity-row";

/** A deal the actor may see, with the deal desk rules, or NOT_FOUND: a deal out of reach is indistinguishable from none. */
export async function getVisibleOpportunityWithRules(tx: Queryable, actor: Actor, id: string): Promise<LoadedOpportunity> {
  const loaded = await loadOpportunity(tx, Prisma.sql`o."id" = ${id} AND ${visibleOpportunitiesSql(actor)}`);
  if (!loaded) throw new AppError("NOT_FOUND", "Opportunity not found.");
  return loaded;
}

export async function getVisibleOpportunity(tx: Queryable, actor: Actor, id: string): Promise<OpportunityRow> {
  return (await getVisibleOpportunityWithRules(tx, actor, id)).row;
}

export async function respondWith(tx: Tx, row: OpportunityRow, now = new Date(), rules?: readonly DealDeskRule[]): Promise<OpportunityResponse> {
  const process = await getProcessVersion(tx, row.processVersionId);
  return toOpportunityResponse(row, process, rules ?? (await loadDealDeskRules(tx)), now);
}

/** Re-reads a deal after a write, inside the same transaction. */
export async function reloadOpportunity(tx: Tx, id: string, now = new Date()): Promise<OpportunityResponse> {
  const loaded = await loadOpportunity(tx, Prisma.sql`o."id" = ${id}`);
  if (!loaded) throw new AppError("NOT_FOUND", "Opportunity not found.");
  return respondWith(tx, loaded.row, now, loaded.rules);
}

export async function getOpportunity(actor: Actor, id: string): Promise<OpportunityResponse> {
  const { row, rules } = await getVisibleOpportunityWithRules(db(), actor, id);
  return respondWith(db(), row, new Date(), rules);
}
