// A re-open of a lost deal ends its active re-engagement plays (docs/rules/closing.md): the move's
// part, in its transaction (move-opportunity.ts), whether the re-open came from a play or not.
import type { Tx } from "../db";
import type { ChangeEntry } from "../opportunities/change-opportunity";

/**
 * A re-open of the deal ends its active plays as `reopened`: the move's part, in its transaction
 * (move-opportunity.ts). Answers the history entries and the write.
 */
export async function endPlaysOnReopen(tx: Tx, opportunityId: string, now: Date): Promise<{ history: ChangeEntry[]; write: () => Promise<void> }> {
  const active = await tx
    .selectFrom("ReengagementPlay")
    .select(["id", "kind"])
    .where("opportunityId", "=", opportunityId)
    .where("status", "=", "active")
    .orderBy("createdAt")
    .execute();
  return {
    history: active.map((p) => ({ type: "play_updated", details: { play: p.id, kind: p.kind, action: "reopen", endedAs: "reopened" } })),
    write: async () => {
      if (active.length === 0) return;
      await tx
        .updateTable("ReengagementPlay")
        .set({ status: "ended", endedAs: "reopened", endedAt: now, updatedAt: now })
        .where(
          "id",
          "in",
          active.map((p) => p.id),
        )
        .execute();
    },
  };
}
