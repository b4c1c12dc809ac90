import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { db } from "../db";

/**
 * The name of a deal the actor may see, or null. The page's layout asks this before anything
 * streams, so a deal out of reach answers with a real 404 status, as the API does.
 */
export async function findVisibleOpportunity(actor: Actor, id: string): Promise<{ id: string; name: string } | null> {
  return db().opportunity.findFirst({ where: { AND: [{ id }, visibleOpportunities(actor)] }, select: { id: true, name: true } });
}
