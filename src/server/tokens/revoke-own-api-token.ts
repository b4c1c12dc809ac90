import type { Actor } from "../../auth/actor";
import { notFound } from "../../errors";
import { auditActor, recordAudit } from "../audit/record-audit";
import { inTransaction, type Tx } from "../db";

/**
 * Revokes one of the actor's own tokens. Someone else's token is NOT_FOUND, exactly like a token
 * that does not exist, so ids cannot be probed. Revoking twice keeps the first revocation time (and
 * the audit log records the first only).
 */
export async function revokeOwnApiToken(actor: Actor, tokenId: string, tx?: Tx, now = new Date()): Promise<void> {
  await inTransaction(tx, async (tx) => {
    const token = await tx
      .selectFrom("ApiToken")
      .select(["id", "name", "prefix", "revokedAt"])
      .where("id", "=", tokenId)
      .where("userId", "=", actor.id)
      .forUpdate()
      .executeTakeFirst();
    if (!token) throw notFound("API token");
    if (token.revokedAt) return;
    await tx.updateTable("ApiToken").set({ revokedAt: now }).where("id", "=", token.id).execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "token.revoked",
      object: { type: "token", id: token.id },
      before: { name: token.name, prefix: token.prefix, revokedAt: null },
      after: { name: token.name, prefix: token.prefix, revokedAt: now.toISOString() },
      at: now,
    });
  });
}
