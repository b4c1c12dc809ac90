import type { Actor } from "../../auth/actor";
import { database, db } from "../db";
import { getVisibleOpportunity } from "./get-opportunity";

/** The deal's whole story, oldest first. */
export async function opportunityHistory(actor: Actor, id: string) {
  await getVisibleOpportunity(database().sql, actor, id);
  const entries = await db().historyEntry.findMany({
    where: { opportunityId: id },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    include: { actor: { select: { name: true } } },
  });
  return {
    items: entries.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName: e.actor?.name ?? null,
      fromStage: e.fromStage,
      toStage: e.toStage,
      secondsInStage: e.secondsInStage,
      details: e.details as Record<string, unknown>,
    })),
  };
}
