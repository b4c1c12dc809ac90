import type { Tx } from "../db";

/**
 * Locks the deal row for this transaction and answers its version (null when there is no such
 * deal). A change that must not be refused for a version the caller never saw (a decision, a
 * checklist send) takes the lock first and then changes the deal at the version it holds.
 */
export async function lockDeal(tx: Tx, opportunityId: string): Promise<number | null> {
  const row = await tx.selectFrom("Opportunity").select("version").where("id", "=", opportunityId).forUpdate().executeTakeFirst();
  return row?.version ?? null;
}
